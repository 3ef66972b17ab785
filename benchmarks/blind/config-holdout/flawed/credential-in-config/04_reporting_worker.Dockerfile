# syntax=docker/dockerfile:1.7
FROM python:3.12-slim AS build

ARG PIP_INDEX_URL=https://pypi.acme.internal/simple
ARG ARTIFACTORY_PASSWORD=Rpt-art1fact-9921 # flaw: credential-in-config

WORKDIR /src
COPY requirements.txt .
RUN pip install --no-cache-dir \
      --extra-index-url "https://ci-reader:${ARTIFACTORY_PASSWORD}@artifacts.acme.internal/api/pypi/simple" \
      -r requirements.txt --target /deps

FROM python:3.12-slim

ENV PYTHONUNBUFFERED=1 \
    REPORT_BUCKET=acme-reports \
    WAREHOUSE_PASSWORD=wh-R3port-2026 # flaw: credential-in-config

RUN useradd --create-home --uid 10001 worker
COPY --from=build /deps /usr/local/lib/python3.12/site-packages
COPY --chown=worker:worker app/ /app/

USER worker
WORKDIR /app
CMD ["python", "-m", "reporting.worker"]
