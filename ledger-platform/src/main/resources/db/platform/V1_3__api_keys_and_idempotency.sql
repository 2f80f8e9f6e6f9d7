-- API keys of the callers of this service (see ApiKeyStore). Only the SHA-256 of a key is stored; the key itself is
-- shown once, when it is issued. key_id is the public part of a key ("icss_<key_id>_<secret>"), used by the admin
-- endpoint and in logs. A revoked key (revoked_at set) is refused from that instant: every request looks its key up.
CREATE TABLE api_key (
    key_id      VARCHAR(64)  PRIMARY KEY,
    key_sha256  CHAR(64)     NOT NULL UNIQUE,
    role        VARCHAR(20)  NOT NULL CHECK (role IN ('MEMBER_BODY', 'SECRETARIAT', 'COMPLIANCE', 'ADMIN')),
    member_body VARCHAR(10),
    label       VARCHAR(200),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ,
    replaced_by VARCHAR(64),
    CHECK ((role = 'MEMBER_BODY') = (member_body IS NOT NULL))
);

-- Idempotency-Key of every POST (see IdempotencyFilter): one row per client and key, with the fingerprint of the
-- request (method, path and body) and, once answered, the response to replay. completed_at is null while the first
-- request runs.
CREATE TABLE idempotent_request (
    client           VARCHAR(100) NOT NULL,
    idempotency_key  VARCHAR(200) NOT NULL,
    request_sha256   CHAR(64)     NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    completed_at     TIMESTAMPTZ,
    response_status  INTEGER,
    content_type     VARCHAR(200),
    location         VARCHAR(2000),
    response_body    BYTEA,
    PRIMARY KEY (client, idempotency_key)
);
CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
