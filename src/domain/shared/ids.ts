// Branded ids: a QuestionId can never be passed where an AnswerId is expected.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type UserId = Brand<string, "UserId">;
export type QuestionId = Brand<string, "QuestionId">;
export type AnswerId = Brand<string, "AnswerId">;
export type NotificationId = Brand<string, "NotificationId">;
export type LedgerEntryId = Brand<string, "LedgerEntryId">;

export const UserId = (s: string) => s as UserId;
export const QuestionId = (s: string) => s as QuestionId;
export const AnswerId = (s: string) => s as AnswerId;
export const NotificationId = (s: string) => s as NotificationId;
export const LedgerEntryId = (s: string) => s as LedgerEntryId;
