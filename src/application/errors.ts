/** Expected outcomes the application adds to the domain's own. */
export type UserNotFound = { readonly _tag: "UserNotFound" };
export type InvalidCredentials = { readonly _tag: "InvalidCredentials" };
export type InvalidCursor = { readonly _tag: "InvalidCursor" };

export const UserNotFound: UserNotFound = { _tag: "UserNotFound" };

/** A notification id that is not the caller's (or no longer exists): nothing was marked. */
export type NotificationNotFound = { readonly _tag: "NotificationNotFound" };
export const NotificationNotFound: NotificationNotFound = { _tag: "NotificationNotFound" };
export const InvalidCredentials: InvalidCredentials = { _tag: "InvalidCredentials" };
export const InvalidCursor: InvalidCursor = { _tag: "InvalidCursor" };

/**
 * A dependency that is down, too slow or overloaded. Raised as a defect (no use case can handle it);
 * the transports tell the caller to try again, never a 500.
 */
export class DependencyUnavailable extends Error {
  readonly _tag = "DependencyUnavailable";
  constructor(
    readonly dependency: "database" | "search" | "cache" | "storage" | "password-hashing",
    reason: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`${dependency} unavailable: ${reason}`, options);
  }
}

/** Too many attempts of one kind (sign-ins, registrations): try again after `retryAfterMs`. */
export type TooManyAttempts = { readonly _tag: "TooManyAttempts"; readonly retryAfterMs: number };
/** The current password given to change it is not the account's. */
export type WrongPassword = { readonly _tag: "WrongPassword" };
/** No session with that id among the caller's own. */
export type SessionNotFound = { readonly _tag: "SessionNotFound" };

export const WrongPassword: WrongPassword = { _tag: "WrongPassword" };
export const SessionNotFound: SessionNotFound = { _tag: "SessionNotFound" };

/** A posting limit (a new user's questions or answer spacing) is spent: try again after `retryAfterMs`. */
export type RateLimited = {
  readonly _tag: "RateLimited";
  readonly limit: "newUserQuestions" | "newUserAnswers";
  readonly retryAfterMs: number;
};
/** The author posted the same text a moment ago. */
export type DuplicatePost = { readonly _tag: "DuplicatePost"; readonly retryAfterMs: number };
/** The password given to delete an account is not the account's. */
export type AccountPasswordWrong = { readonly _tag: "AccountPasswordWrong" };
export const AccountPasswordWrong: AccountPasswordWrong = { _tag: "AccountPasswordWrong" };
