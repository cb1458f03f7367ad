# TLS Preflight API + the built add-in. Build from the repository root:
#   docker build -t tlspreflight-api --build-arg ADDIN_BASE_URL=https://tls.contoso.com \
#     --build-arg ADDIN_CLIENT_ID=<app-id> --build-arg ADDIN_API_SCOPE=api://tls.contoso.com/<app-id>/access_as_user .
# The `RUN dotnet …` lines of the build stage are run as written by tests/TlsPreflight.Deploy.Tests.

# 1. The add-in (TypeScript → addin/dist) with Node.
FROM node:20-bookworm-slim AS addin
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY manifest.xml ./
COPY addin addin
COPY scripts scripts
ARG ADDIN_BASE_URL=https://localhost:5080
ARG ADDIN_CLIENT_ID=
ARG ADDIN_API_SCOPE=
RUN if [ -n "$ADDIN_CLIENT_ID" ]; then \
      npm run build -- --base-url "$ADDIN_BASE_URL" --client-id "$ADDIN_CLIENT_ID" --api-scope "$ADDIN_API_SCOPE"; \
    else \
      npm run build -- --base-url "$ADDIN_BASE_URL"; \
    fi

# 2. dotnet publish of the API.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY backend backend
RUN dotnet restore backend/TlsPreflight.Api/TlsPreflight.Api.csproj
RUN dotnet publish backend/TlsPreflight.Api/TlsPreflight.Api.csproj -c Release --no-restore -o artifacts/publish/api

# 3. Runtime: ASP.NET only, non-root (the image's `app` user, uid 1654), nothing written under /app, so the
#    container runs with a read-only root filesystem (compose: read_only + a tmpfs /tmp + a keys volume).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /src/artifacts/publish/api ./
COPY --from=addin /src/addin/dist ./addin/dist
# The data-protection keys volume (compose) takes this folder's owner.
RUN mkdir /keys && chown "$APP_UID" /keys
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080 \
    DOTNET_NOLOGO=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "TlsPreflight.Api.dll"]
