import { NestFactory } from "@nestjs/core";
import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import session from "express-session";
import { AppController } from "./app.controller";

const dbConfig = {
  type: "postgres" as const,
  host: process.env.DB_HOST ?? "localhost",
  port: Number(process.env.DB_PORT ?? 5432),
  username: process.env.DB_USER ?? "identity",
  password: process.env.DB_PASSWORD ?? "identity_pw_42", // flaw: hardcoded-password
  database: "identity",
  autoLoadEntities: true,
};

@Module({
  imports: [TypeOrmModule.forRoot(dbConfig)],
  controllers: [AppController],
})
class AppModule {}

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.use(
    session({
      name: "idp.sid",
      secret: "keyboard cat", // flaw: hardcoded-password
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, secure: true, sameSite: "lax", maxAge: 3600_000 },
    }),
  );
  await app.listen(Number(process.env.PORT ?? 3000));
}

bootstrap();
