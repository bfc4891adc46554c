// Guest side of the bindings: evaluated inside the sandbox before every script. It turns the one
// host function into the classes scripts use; prelude.ts applies it to the client names. Nothing here is trusted by the host: every
// argument is checked again on the other side.
(function (globalObject, clientNames) {
  'use strict';
  var host = globalObject.__payscriptHost;
  delete globalObject.__payscriptHost;

  function call(op, payload) {
    return JSON.parse(host(op, JSON.stringify(payload)));
  }

  // Free has no answer to wait for: the host applies it before the script's next call.
  var post = host.post;
  function send(op, payload) {
    post(op, JSON.stringify(payload));
  }

  // Keep NaN, Infinity and the exact digits of numbers across JSON.
  function encode(value) {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number') return { number: String(value) };
    if (typeof value === 'string') return { string: value };
    return { other: typeof value };
  }

  var RESULT_DEFAULTS = {
    Success: false,
    Status: undefined,
    ResponseCode: '',
    LocalizedResponseDescription: '',
    AuthorizationCode: '',
    MaskedCardNumber: '',
    TransactionId: '',
    TerminalId: '',
    MerchantReceipt: '',
    CustomerReceipt: '',
    Totals: [],
    Refusal: '',
  };

  var state = new WeakMap();

  function own(client) {
    var s = state.get(client);
    if (!s) throw new TypeError('not a payment client; create one with new or Create()');
    return s;
  }

  // The common base, so `instanceof TTerminalClient` works as payscript.d.ts declares it.
  function TTerminalClient() {
    throw new TypeError('TTerminalClient is abstract; create one of the T...Client classes');
  }
  TTerminalClient.prototype.Execute = function () {
    var s = own(this);
    s.result = call('execute', { id: s.id, allowRepeat: s.allowRepeat, documentReference: s.documentReference });
    return s.result.Success;
  };
  // Set by the script before Execute; the host checks them again.
  Object.defineProperty(TTerminalClient.prototype, 'AllowRepeat', {
    enumerable: true,
    get: function () {
      return own(this).allowRepeat;
    },
    set: function (value) {
      if (typeof value !== 'boolean') throw new TypeError('AllowRepeat must be true or false');
      own(this).allowRepeat = value;
    },
  });
  Object.defineProperty(TTerminalClient.prototype, 'DocumentReference', {
    enumerable: true,
    get: function () {
      return own(this).documentReference;
    },
    set: function (value) {
      if (typeof value !== 'string' && typeof value !== 'number') throw new TypeError('DocumentReference must be text');
      own(this).documentReference = String(value);
    },
  });
  TTerminalClient.prototype.Free = function () {
    send('free', { id: own(this).id });
  };
  Object.keys(RESULT_DEFAULTS).forEach(function (key) {
    Object.defineProperty(TTerminalClient.prototype, key, {
      enumerable: true,
      get: function () {
        var result = own(this).result;
        return result ? result[key] : RESULT_DEFAULTS[key];
      },
    });
  });
  Object.defineProperty(globalObject, 'TTerminalClient', { value: TTerminalClient });

  function defineClient(name) {
    var Client = function () {
      if (!new.target) throw new TypeError(name + ' must be created with new or ' + name + '.Create()');
      var args = Array.prototype.slice.call(arguments).map(encode);
      state.set(this, {
        id: call('create', { client: name, args: args }).id,
        result: null,
        allowRepeat: false,
        documentReference: '',
      });
    };
    Object.defineProperty(Client, 'name', { value: name });
    Client.prototype = Object.create(TTerminalClient.prototype, {
      constructor: { value: Client, writable: true, configurable: true },
    });
    Client.Create = function () {
      return Reflect.construct(Client, Array.prototype.slice.call(arguments));
    };
    Object.defineProperty(globalObject, name, { value: Client });
  }

  clientNames.forEach(defineClient);
});
