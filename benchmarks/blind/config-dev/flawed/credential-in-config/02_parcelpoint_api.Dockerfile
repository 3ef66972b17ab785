# syntax=docker/dockerfile:1.6
FROM node:20-bookworm-slim AS build

WORKDIR /src
ARG NPM_REGISTRY=https://npm.parcelpoint.internal/
ARG NPM_AUTH_TOKEN=7f3c91ab52de4e08b6a1c4d9e2f70b35 # flaw: credential-in-config
RUN echo "//npm.parcelpoint.internal/:_authToken=${NPM_AUTH_TOKEN}" > .npmrc

COPY package.json package-lock.json ./
RUN npm ci --registry=${NPM_REGISTRY}

COPY tsconfig.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    PORT=8080 \
    LOG_LEVEL=info

ENV DATABASE_URL=postgres://parcel_api:Tr4ckMyB0x@parcel-db.internal:5432/parcels # flaw: credential-in-config
ENV LABEL_PRINTER_API_SECRET=c2Vhc2lkZS1sYWJlbC1wcmludGVy # flaw: credential-in-config

COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist

USER node
EXPOSE 8080
HEALTHCHECK --interval=30s CMD node dist/healthcheck.js
CMD ["node", "dist/server.js"]
