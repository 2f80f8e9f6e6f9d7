-- Status-change notifications by webhook (issue 19; docs/ARCHITECTURE.md "Notifications"). These tables live outside
-- the generations (registry_g<N>): a replay builds new read models but never announces anything again.

-- A subscription: who owns it (owner: "member-body:<body>", "role:COMPLIANCE" or "key:<key id>" for a watcher), what it
-- receives (audience FULL or PUBLIC: a watcher's public standing only), for which organisations (every organisation,
-- or every organisation of member_body when set, when all_organisations; else the named ones), and where it goes.
-- The secret is kept encrypted (AES-GCM under icss.notifications.secret-key, the subscription id as associated data)
-- because signing needs it; the previous secret signs too until previous_secret_until (rotation).
CREATE TABLE notification_subscription (
    subscription_id        UUID         PRIMARY KEY,
    owner                  VARCHAR(100) NOT NULL,
    audience               VARCHAR(10)  NOT NULL CHECK (audience IN ('FULL', 'PUBLIC')),
    all_organisations      BOOLEAN      NOT NULL,
    member_body            VARCHAR(10),
    organisations          VARCHAR(100)[] NOT NULL DEFAULT '{}',
    event_types            VARCHAR(60)[]  NOT NULL,
    target_url             VARCHAR(2000) NOT NULL,
    secret                 BYTEA        NOT NULL,
    previous_secret        BYTEA,
    previous_secret_until  TIMESTAMPTZ,
    state                  VARCHAR(25)  NOT NULL
        CHECK (state IN ('PENDING_VERIFICATION', 'ACTIVE', 'FAILING', 'DELETED')),
    challenge              VARCHAR(100) NOT NULL,
    verify_attempts        INTEGER      NOT NULL DEFAULT 0,
    next_verification_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    verified_at            TIMESTAMPTZ,
    failing_since          TIMESTAMPTZ,
    deleted_at             TIMESTAMPTZ
);
CREATE INDEX notification_subscription_owner ON notification_subscription (owner, created_at);
CREATE INDEX notification_subscription_live ON notification_subscription (state) WHERE state <> 'DELETED';

-- The outbox: each notification once (event_id is the CloudEvent id), written in the transaction that projected what
-- it announces. public_data is what a watcher receives; full_data adds what member bodies and compliance see.
CREATE TABLE notification_event (
    event_seq       BIGSERIAL    PRIMARY KEY,
    event_id        UUID         NOT NULL UNIQUE,
    organisation_id VARCHAR(100) NOT NULL,
    member_body     VARCHAR(10),
    event_type      VARCHAR(60)  NOT NULL,
    business_date   DATE         NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    written_at      TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    public_data     JSONB        NOT NULL,
    full_data       JSONB        NOT NULL
);
CREATE INDEX notification_event_organisation ON notification_event (organisation_id, business_date);
CREATE INDEX notification_event_date ON notification_event (business_date);

-- One delivery of one notification to one subscription, in delivery_id order per subscription and organisation (only
-- the oldest pending one of a pair is sent). A claim moves next_attempt_at past the claim's lease, so a replica that
-- dies mid-send leaves it to be sent again (at least once).
CREATE TABLE notification_delivery (
    delivery_id      BIGSERIAL    PRIMARY KEY,
    subscription_id  UUID         NOT NULL REFERENCES notification_subscription (subscription_id),
    event_seq        BIGINT       NOT NULL REFERENCES notification_event (event_seq),
    organisation_id  VARCHAR(100) NOT NULL,
    state            VARCHAR(10)  NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'CANCELLED')),
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    first_failed_at  TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX notification_delivery_pending ON notification_delivery (subscription_id, organisation_id, delivery_id)
    WHERE state = 'PENDING';
CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at) WHERE state = 'PENDING';

-- The delivery log the owner reads: every attempt (verifications too: delivery_id null), its status code or error,
-- latency, and at most 1 KB of the response body.
CREATE TABLE notification_attempt (
    attempt_id      BIGSERIAL    PRIMARY KEY,
    subscription_id UUID         NOT NULL REFERENCES notification_subscription (subscription_id),
    delivery_id     BIGINT,
    event_id        UUID,
    webhook_id      VARCHAR(100),
    attempted_at    TIMESTAMPTZ  NOT NULL,
    status_code     INTEGER,
    error           VARCHAR(500),
    latency_ms      BIGINT       NOT NULL,
    response_body   VARCHAR(1024),
    outcome         VARCHAR(10)  NOT NULL CHECK (outcome IN ('DELIVERED', 'FAILED', 'VERIFIED', 'REFUSED'))
);
CREATE INDEX notification_attempt_subscription ON notification_attempt (subscription_id, attempt_id);
