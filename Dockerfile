# The sigraph API, built as a wheel and installed from it (not editable), run by a user without
# privileges. The database comes from docker-compose.yml (or any NEO4J_URI).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md .env ./
COPY app ./app
COPY viz ./viz
COPY cypher ./cypher
COPY migrations ./migrations
COPY examples ./examples
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /dist .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY --from=build /dist/ /tmp/dist/
RUN pip install --no-cache-dir /tmp/dist/*.whl && rm -rf /tmp/dist \
    && useradd --system --create-home --home-dir /home/sigraph sigraph
USER sigraph
WORKDIR /home/sigraph
EXPOSE 8000
CMD ["sigraph", "serve"]
