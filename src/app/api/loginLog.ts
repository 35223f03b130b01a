/**
 * An email as the log may show it: the first character of the local part and the domain
 * ("j***@example.kr"), enough to see an attack on one account or one provider, not enough to list accounts.
 */
export const maskedEmail = (email: string) => {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email.slice(0, 1)}***${email.slice(at).toLowerCase()}`;
};
