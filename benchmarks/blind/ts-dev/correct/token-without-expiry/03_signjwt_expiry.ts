import { SignJWT } from "jose";
import type { FastifyInstance } from "fastify";

const key = (() => {
  const raw = process.env.EMBED_TOKEN_SECRET;
  if (!raw) throw new Error("EMBED_TOKEN_SECRET required");
  return new TextEncoder().encode(raw);
})();

export async function embedToken(dashboardId: string, viewerId: string): Promise<string> {
  return new SignJWT({ dashboardId }) // near-miss: token-without-expiry
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(viewerId)
    .setIssuedAt()
    .setExpirationTime("2h")
    .sign(key);
}

export async function routes(app: FastifyInstance) {
  app.post<{ Params: { id: string } }>(
    "/dashboards/:id/embed-token",
    { preHandler: app.authenticate },
    async (req) => {
      const viewer = (req as unknown as { user: { id: string } }).user;
      return { token: await embedToken(req.params.id, viewer.id) };
    },
  );
}
