/** Expected outcomes the application adds to the domain's own. */
export type UserNotFound = { readonly _tag: "UserNotFound" };
export type InvalidCredentials = { readonly _tag: "InvalidCredentials" };
export type InvalidCursor = { readonly _tag: "InvalidCursor" };

export const UserNotFound: UserNotFound = { _tag: "UserNotFound" };
export const InvalidCredentials: InvalidCredentials = { _tag: "InvalidCredentials" };
export const InvalidCursor: InvalidCursor = { _tag: "InvalidCursor" };
