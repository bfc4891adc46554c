// An error whose message is meant for the API client, with the status to answer it with.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
