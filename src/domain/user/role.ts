import type { UserId } from "../shared/ids.js";

/** Who may do what beyond their own posts: moderators review flagged posts, admins also grant verification level 3. */
export const ROLES = ["user", "moderator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Moderators and admins see hidden posts, work the review queue and may delete any post. */
export const canModerate = (role: Role): boolean => role === "moderator" || role === "admin";

export const isAdmin = (role: Role): boolean => role === "admin";

/** Someone acting on a post: their id and their role. */
export interface Actor {
  readonly id: UserId;
  readonly role: Role;
}
