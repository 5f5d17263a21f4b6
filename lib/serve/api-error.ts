/**
 * An error the REST API answers with its own status and a JSON body
 * `{ "status": <code>, "error": <message> }` (the shape the mirrored service uses for errors).
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    /** A stable word for clients (`invalid_request`, `model_not_available`, `payload_too_large`, …). */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}
