# The engine's image for docker-compose: build the jar first (./mvnw -DskipTests package).
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 ops
WORKDIR /opt/ops-engine
COPY target/ops-engine.jar ops-engine.jar
USER ops
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/ops-engine/ops-engine.jar"]
