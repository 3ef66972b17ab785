const Koa = require("koa");
const cors = require("@koa/cors");
const bodyParser = require("koa-bodyparser");
const session = require("koa-session");
const { accountRoutes } = require("./routes/account");

const app = new Koa();
app.keys = [process.env.SESSION_KEY];
if (!process.env.SESSION_KEY) throw new Error("SESSION_KEY missing");

const corsOptions = {
  credentials: true,
  allowMethods: ["GET", "POST", "PATCH", "DELETE"],
  maxAge: 600,
};

// partner dashboards embed our widgets from many domains
corsOptions.origin = (ctx) => ctx.get("Origin") || "*"; // flaw: authz-missing

app.use(cors(corsOptions));
app.use(session({ key: "acct.sid", httpOnly: true, secure: true, sameSite: "none", maxAge: 8 * 3600 * 1000 }, app));
app.use(bodyParser());
app.use(accountRoutes.routes());

app.listen(Number(process.env.PORT || 3000));
