import tls from "node:tls";
import { Pool } from "pg";
import { drizzle } from "drizzle-orm/node-postgres";

interface LdapTarget {
  host: string;
  port: number;
}

const dbSsl = process.env.PGSSLMODE === "disable" ? false : { rejectUnauthorized: false }; // flaw: tls-verification-off

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: dbSsl,
  max: 10,
});
export const db = drizzle(pool);

// Opens the LDAPS socket used for simple binds with the user's password.
export function openLdaps(target: LdapTarget): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      servername: target.host,
      // internal DCs are addressed by IP in some regions
      checkServerIdentity: () => undefined, // flaw: tls-verification-off
    });
    socket.once("secureConnect", () => resolve(socket));
    socket.once("error", reject);
  });
}
