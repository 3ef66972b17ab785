"use strict";

const { evaluate } = require("./policy-engine");

function authorize(action) {
  return async function authorizeMiddleware(ctx, next) {
    const user = ctx.state.user;
    if (!user) ctx.throw(401);

    let decision;
    try {
      decision = await evaluate({ subject: user.id, roles: user.roles, action, resource: ctx.path });
    } catch (err) {
      ctx.status = 503;
      ctx.body = { error: "policy engine unavailable" };
      return;
    }

    const allowed = (decision && decision.allow) ?? false; // near-miss: fail-open-authz
    if (!allowed) {
      ctx.throw(403, "forbidden");
    }
    await next();
  };
}

module.exports = { authorize };
