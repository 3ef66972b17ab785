# syntax=docker/dockerfile:1.6
FROM node:20-bookworm-slim AS build

WORKDIR /src
ARG NPM_REGISTRY=https://npm.internal.acme.example/
ARG NPM_AUTH_TOKEN=9d8f7e6a5b4c3d2e1f0a9b8c7d6e5f4a # flaw: credential-in-config
RUN npm config set registry "$NPM_REGISTRY" \
 && npm config set "//npm.internal.acme.example/:_authToken" "$NPM_AUTH_TOKEN"

COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    PDF_ENGINE=chromium
ENV S3_BUCKET=acme-invoices \
    S3_SECRET_ACCESS_KEY=wJ7rXq2Lm9Tz4Kp8Vn3Bs6Hd1Fy5Gc0R # flaw: credential-in-config

COPY --from=build /src/dist ./dist
COPY --from=build /src/node_modules ./node_modules
USER node
EXPOSE 3000
CMD ["node", "dist/server.js"]
