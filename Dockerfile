# Mentorship backend: one image, two entry points.
#   API (default):  node --max-semi-space-size=8 --max-old-space-size=192 dist/apps/api/src/main.js
#   Worker:         node --max-semi-space-size=8 --max-old-space-size=192 dist/apps/worker/src/main.js
# Both apply pending migrations on start (under a PostgreSQL advisory lock), serve /health/live and
# /health/ready on PORT, and handle SIGTERM themselves: stop accepting connections, finish in-flight
# requests, close the database, exit 0. Node can therefore run as PID 1; docker-compose.yml adds
# `init: true` (docker run --init) anyway so that signals are forwarded and zombies are reaped.

# --- build: all dependencies, compile TypeScript with swc -------------------------------------------
FROM node:24-slim AS build
WORKDIR /app
ENV NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
# Install scripts must run here: the `node` devDependency downloads its binary in a preinstall script,
# and `npm run` puts node_modules/.bin (that binary) first on PATH for the build script.
RUN npm ci
COPY .swcrc tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
# swc apps libs -d dist → dist/apps/{api,worker}/src/main.js
RUN npm run build \
 && test -f dist/apps/api/src/main.js \
 && test -f dist/apps/worker/src/main.js

# --- prod-deps: runtime dependencies only ------------------------------------------------------------
# --ignore-scripts is safe: the only runtime dependency with an install script is @scarf/scarf
# (download analytics, pulled in by swagger-ui-dist); nothing at runtime needs a native build
# (PGlite is WASM, the rest is plain JavaScript).
FROM node:24-slim AS prod-deps
WORKDIR /app
ENV NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
 && npm cache clean --force

# --- runtime -----------------------------------------------------------------------------------------
FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/package.json ./package.json
# Embedded PGlite (used when DATABASE_URL is unset) writes under DATA_DIR. Create it owned by the
# unprivileged user before declaring the volume, so a fresh named volume inherits that ownership.
RUN mkdir -p /app/.data && chown node:node /app/.data
# Numeric (the image's `node` user and group are 1000:1000) so that Kubernetes' runAsNonRoot can
# verify the user without a runAsUser override (deploy/ sets runAsUser: 1000 to match).
USER 1000:1000
VOLUME ["/app/.data"]
EXPOSE 3000
# No curl in slim images: probe with node itself. PORT comes from the container's environment.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# V8 sizes its heap from the host's memory and so grows it lazily; 8 MB semi-spaces and a 192 MB
# old space (the live heap is ~70 MB) keep the same throughput at a far smaller RSS (bench/RESULTS.md).
CMD ["node", "--max-semi-space-size=8", "--max-old-space-size=192", "dist/apps/api/src/main.js"]
