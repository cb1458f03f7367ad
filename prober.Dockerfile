# TLS Preflight probe agent: the engine behind POST /v1/assessments, for a host where outbound TCP 25 is open.
# Build from the repository root:  docker build -f prober.Dockerfile -t tlspreflight-prober .
# The `RUN dotnet …` lines of the build stage are run as written by tests/TlsPreflight.Deploy.Tests.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY backend/TlsPreflight.Probing backend/TlsPreflight.Probing
COPY backend/TlsPreflight.Prober backend/TlsPreflight.Prober
COPY backend/TlsPreflight.Telemetry backend/TlsPreflight.Telemetry
COPY backend/TlsPreflight.Problems backend/TlsPreflight.Problems
RUN dotnet restore backend/TlsPreflight.Prober/TlsPreflight.Prober.csproj
RUN dotnet publish backend/TlsPreflight.Prober/TlsPreflight.Prober.csproj -c Release --no-restore -o artifacts/publish/prober

# Runtime: non-root, writes nothing (the engine's caches are in memory), so a read-only root filesystem works.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /src/artifacts/publish/prober ./
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080 \
    DOTNET_NOLOGO=1
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "TlsPreflight.Prober.dll"]
