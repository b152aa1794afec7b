# qgov as a container image (docs/packaging.md). Two stages: the build stage compiles and packs with dev
# dependencies; the runtime stage installs only the packed tarball (its runtime dependencies are bundled, so
# that install needs no network) and runs as the image's unprivileged `node` user.
#
#   docker build -t qgov .
#   docker run --rm -e IBMCLOUD_API_KEY -v "$PWD:/work" qgov plan org.yaml
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json README.md ./
COPY bin ./bin
COPY src ./src
COPY schemas ./schemas
COPY examples ./examples
COPY docs ./docs
RUN npm run build && npm pack --ignore-scripts --pack-destination /tmp/pkg

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    NO_UPDATE_NOTIFIER=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY --from=build /tmp/pkg/ /tmp/pkg/
RUN npm install -g --offline --no-audit --no-fund /tmp/pkg/qgov-*.tgz \
 && rm -rf /tmp/pkg /root/.npm
USER node
WORKDIR /work
ENTRYPOINT ["qgov"]
CMD ["--help"]
