# The sigraph API; the database comes from docker-compose.yml (or any NEO4J_URI).
FROM python:3.11-slim
WORKDIR /srv/sigraph
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md .env ./
COPY app ./app
COPY viz ./viz
COPY cypher ./cypher
COPY migrations ./migrations
COPY examples ./examples
# Editable: the service reads cypher/, migrations/ and .env beside its code.
RUN pip install --no-cache-dir -e . && useradd --system sigraph
USER sigraph
EXPOSE 8000
CMD ["sigraph", "serve"]
