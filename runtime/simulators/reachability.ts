// Whether a simulated terminal can be reached. It goes dark when it books an approval whose answer
// is lost ('approve-then-drop' with `dark`), as a terminal that reboots or loses its network at that
// moment, and stays so until told to come back: the register's recovery finds nothing meanwhile.
import type net from 'node:net';

export class Reachability {
  private isDark = false;

  get dark(): boolean {
    return this.isDark;
  }

  goDark(): void {
    this.isDark = true;
  }

  comeBack(): void {
    this.isDark = false;
  }

  /**
   * A terminal on TCP whose line is dead: a connection made while dark is reset as soon as it
   * opens, so the register gets no answer. False when the connection was reset.
   */
  admit(socket: net.Socket): boolean {
    if (!this.isDark) return true;
    socket.resetAndDestroy();
    return false;
  }
}
