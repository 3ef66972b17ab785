import * as argon2 from "argon2";

export enum PasswordStrength {
  Weak = "weak",
  Fair = "fair",
  Strong = "strong",
}

// Commonly chosen passwords that are rejected at signup.
const DENYLIST = new Set(["password", "password1", "123456", "qwerty", "letmein", "admin123"]); // near-miss: hardcoded-password

/**
 * Example request body for the docs:
 *   { "email": "user@example.com", "password": "<your password>" }
 */
export function rateStrength(password: string): PasswordStrength {
  if (password.length < 10 || DENYLIST.has(password.toLowerCase())) return PasswordStrength.Weak;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  return classes >= 3 && password.length >= 14 ? PasswordStrength.Strong : PasswordStrength.Fair;
}

export async function confirmPassword(storedHash: string, submitted: string): Promise<boolean> {
  return argon2.verify(storedHash, submitted);
}

export function passwordsMatch(password: string, confirmation: string): boolean {
  return password === confirmation; // near-miss: hardcoded-password
}
