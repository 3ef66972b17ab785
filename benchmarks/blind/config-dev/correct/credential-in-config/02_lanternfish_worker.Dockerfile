# syntax=docker/dockerfile:1.7
FROM python:3.12-slim AS deps

WORKDIR /build
COPY requirements.txt .
# Private index credentials come from a BuildKit secret, never a layer.
RUN --mount=type=secret,id=pip_index_token \
    PIP_INDEX_URL="https://__token__:$(cat /run/secrets/pip_index_token)@pypi.lanternfish.internal/simple" \
    pip install --no-cache-dir --prefix=/install -r requirements.txt

FROM python:3.12-slim
WORKDIR /app
COPY --from=deps /install /usr/local
COPY worker/ ./worker/

ENV PYTHONUNBUFFERED=1 \
    QUEUE_URL=https://sqs.us-east-2.amazonaws.com/318842670051/lanternfish-jobs \
    SECRET_SOURCE=aws-secretsmanager \
    DB_PASSWORD_SECRET_ID=lanternfish/worker/db # near-miss: credential-in-config

ARG GIT_SHA=unknown
LABEL org.opencontainers.image.revision=$GIT_SHA

RUN useradd --uid 10001 --create-home worker
USER worker
ENTRYPOINT ["python", "-m", "worker"]
