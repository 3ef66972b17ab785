import Fastify from "fastify";
import pino from "pino";
import { Analytics } from "@segment/analytics-node";
import { rotateRefreshToken } from "./refresh";

const log = pino({ level: "info" });
const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY as string });

export const app = Fastify({ logger: false });

app.post<{ Body: { refreshToken: string; deviceId: string } }>("/oauth/refresh", async (req, reply) => {
  const { refreshToken, deviceId } = req.body;
  const authHeader = req.headers.authorization;
  log.info({ deviceId, authorization: authHeader }, "refresh requested"); // flaw: secret-in-log

  const rotated = await rotateRefreshToken(refreshToken, deviceId);
  if (!rotated) {
    return reply.code(401).send({ error: "invalid_grant" });
  }

  analytics.track({
    userId: rotated.userId,
    event: "Token Refreshed",
    properties: { deviceId, previousToken: refreshToken }, // flaw: secret-in-log
  });

  return reply.send({
    access_token: rotated.accessToken,
    refresh_token: rotated.refreshToken,
    expires_in: rotated.expiresIn,
  });
});
