# The engine's image for docker-compose: build the jar first (./mvnw -DskipTests package).
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 ops \
    && mkdir -p /opt/ops-engine/data \
    && chown ops /opt/ops-engine/data
WORKDIR /opt/ops-engine
COPY target/ops-engine.jar ops-engine.jar
USER ops
# The data directory holds the engine's SSH key (ssh/id_ed25519) and, unless OPS_LINKS_SECRET is
# set, the generated secret of the client links: mount it as a volume.
ENV OPS_DATA_DIR=/opt/ops-engine/data
VOLUME /opt/ops-engine/data
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/ops-engine/ops-engine.jar"]
