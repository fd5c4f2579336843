// The error shape that crosses every boundary (IPC, HTTP, in-process) and the HTTP status of each code.
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** A body that is not JSON in UTF-8, or in a Content-Encoding the server does not read. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** The database cannot be written or read (read-only, disk full, corrupt): the message names the file and what to do. */
  STORAGE_UNAVAILABLE: 503,
} as const;

/**
 * Codes no server sends: the renderer's HTTP transport makes them itself. UNREACHABLE: the request never reached the
 * server (fetch threw: host down, network gone), so nothing was done there; status 0, as fetch reports it.
 */
export const CLIENT_ERROR_STATUS = {
  UNREACHABLE: 0,
} as const;

export type ServerErrorCode = keyof typeof ERROR_STATUS;
export type ErrorCode = ServerErrorCode | keyof typeof CLIENT_ERROR_STATUS;

export interface FieldIssue {
  field: string;
  message: string;
}

export interface ErrorDetails {
  fields?: FieldIssue[];
  retryAfterSec?: number;
  [key: string]: unknown;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetails };
}

/** Thrown by services and the dispatcher; transports turn it into an ErrorBody. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return this.code in ERROR_STATUS ? ERROR_STATUS[this.code as ServerErrorCode] : CLIENT_ERROR_STATUS[this.code as keyof typeof CLIENT_ERROR_STATUS];
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }

  static validation(field: string, message: string): AppError {
    return new AppError('VALIDATION_FAILED', `${field}: ${message}`, { fields: [{ field, message }] });
  }

  static isErrorBody(value: unknown): value is ErrorBody {
    if (typeof value !== 'object' || value === null || !('error' in value)) return false;
    const error = (value as { error: unknown }).error;
    return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
  }
}
