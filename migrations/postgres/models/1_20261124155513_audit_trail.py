from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_event" (
    "seq" BIGINT NOT NULL PRIMARY KEY,
    "occurred_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT,
    "username" VARCHAR(64) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "branch_id" INT,
    "session_id" INT,
    "client_ip" VARCHAR(64) NOT NULL,
    "user_agent" VARCHAR(300) NOT NULL,
    "action" VARCHAR(32) NOT NULL,
    "entity_type" VARCHAR(40) NOT NULL,
    "entity_id" VARCHAR(64) NOT NULL,
    "patient_id" VARCHAR(64),
    "outcome" VARCHAR(8) NOT NULL,
    "changes" TEXT NOT NULL,
    "detail" VARCHAR(500) NOT NULL,
    "prev_mac" VARCHAR(64) NOT NULL,
    "mac" VARCHAR(64) NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_audit_event_occurre_eb4795" ON "audit_event" ("occurred_at");
CREATE INDEX IF NOT EXISTS "idx_audit_event_user_id_bad0de" ON "audit_event" ("user_id", "seq");
CREATE INDEX IF NOT EXISTS "idx_audit_event_branch__3d52a7" ON "audit_event" ("branch_id", "seq");
CREATE INDEX IF NOT EXISTS "idx_audit_event_action_6c86ab" ON "audit_event" ("action", "seq");
CREATE INDEX IF NOT EXISTS "idx_audit_event_patient_d94c0c" ON "audit_event" ("patient_id", "seq");
CREATE INDEX IF NOT EXISTS "idx_audit_event_entity__2d51a1" ON "audit_event" ("entity_type", "entity_id", "seq");
CREATE INDEX IF NOT EXISTS "idx_audit_event_outcome_588c37" ON "audit_event" ("outcome", "seq");
COMMENT ON COLUMN "audit_event"."changes" IS 'JSON: field -> before and after; health fields named only';
COMMENT ON TABLE "audit_event" IS 'Who did what, to which record, from where, and how it went.';
-- The database refuses to change or delete audit events (see app/audit/append_only.py).
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit events cannot be changed or deleted'; END $$;
DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event;
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event;
        DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event;
        DROP FUNCTION IF EXISTS audit_event_append_only();
        DROP TABLE IF EXISTS "audit_event";"""


MODELS_STATE = (
    "eJztXW1v2zgS/iuEP7VAUqSOk+a6wAFO6m6z28ZB4t4utnsQaIm22cikStJxjb3+9yMpyX"
    "qXJUd2ZFVf2pjkUNQzfHlmOKT+6cyphWz+6pJBYs46b8E/HQLnSP4RyzkCHeg4QbpKEHBs"
    "66LjoMyYCwZNIVMn0OZIJlmImww7AlOiyg4JAm55QCdAzBAwbUyweQSWWMzAcgYFwIIDGw"
    "mB2AxBiwNILDDGts2BwzARr9STLGrKR2EyrbLSBcHfFsgQdIpkJUxW/eW/MhkTC31H3P/p"
    "PBgTjGwrAhe2VAU63RArR6ddE/FeF1TtHRsmtRdzEhR2VmJGybq0bIRKnSKCGBRIVS/YQk"
    "FIFrbtYe2j6rY0KOI2MSRjoQlc2EoRStptQJDWMYyb4ci4H4wMo5NQki8RgthLMilRCpZN"
    "5frtp6oJx93XvTe9i9Pz3oUsopu5Tnnzw310AIwrqOG5GXV+6HwooFtCYxyAqv9PwHo1gy"
    "wdV798DFnZ5DiyPo77hrbjjiegWgr4jC4JEBRwASeTeK/OgHwOvxs2IlOhhuvFSQ6+/+nf"
    "XX3o3724OHmp6qZyYLrj9cbL6eospYIAcnfgGGWRj4lVowA/IdBAMKk8QQVXuq2uCvTYRx"
    "agBEjsF3OkYN5CEa+7RTQhS2WqQudFdQEtiyHOk3oYoe8ZM0tIZH866HR2NL/kQDoa/DlS"
    "Nc85/2aHkXzxqf+nBnm+8nI+Dm9+9YuHkL/6OLyMAe5IwEp1+7VAA8COduhC/TmnOyd7s8"
    "bKgLYoDbAv1IK8EWQ0h9guA/BaoHngnvWKoHvWy4ZX5UXxnXKBSRl81wKNw/f1WZEV7yx7"
    "wTuLg2vTKZW12aWm4IjQViB7tG7XtOO9bKNLOjDRNsrCsamyRNQbcDChtoVYbbgH5oa04/"
    "Bjii4uKbURJBmmTVgupo6xFNxVp/e5+X5ZyOVw+DHCQi6v4zTj86fLgURfYy8LYeGahp7t"
    "EyLeDClIDJiyPr6TOQLPUQb3jkjGMLc80Vf+H/Uh4sXnHfmC1pDYK0/PebTw+tPgftT/dB"
    "vRyrv+aKByuhFe6Ke+OI8NjHUl4I/r0QegfoK/hjcDDS/lYsr0E4Nyo786qk1wIahB6NKQ"
    "LDzokn6qj1pE6wvH2lLrUclW63XRuo9RSO269cpzNHkIuTlUwhiaD0vILCOSE+oeHLEU++"
    "/SE3v/+x2yoQY22Qc8B95njmpkfJeddIPUMI60S7OATGbNu/N4CiRwql9JPVs9ycNqMJdL"
    "8gqhW0Y1o0jxh8aLHOU5RpFX2HBCpTe6SP9Q7srAiQkeEHI4gGO6EACCOZqPEVN+Tu01Al"
    "C5MoH/pKRv9Mm1tU7RejlFv9KxIbAox5IjQo0zRap3g7aeoB06KVq/Zg6V2YVfU7FAg06M"
    "MWZilk4002FPCObxzNqY2lXoQdHEGIpfqVxAydTw37UoiHG5nxnD1t7JnnWbZe9EtC5tEK"
    "MUGQxJbGaEz7WZu1dKWMJ+TJpIUVUk9TAkaETlP1oZ17LtkJhpc9UTbcpnVUKWRSmTGVyu"
    "rZdw15NvLt8XuS67q/79Vf+dnNCqszfvkEkfEVtdyZ+dFGMzkn+UZ2kyr6R8PaugmdkHkr"
    "Eeq8kSKCFpI0pDkSHHhibi2mKUQ3qGiMAmFJQB+XApYaJfpKlIGbLADPIZspIWZ5UVt8Zn"
    "vYxPpVBD6aeMbRQRqnNoyJYW0nmRjcbz7H3G88Q2o5yDtuJIvEqCdDhEs+Z8KOn2bzd7mk"
    "aDC232PD8Nfm7l7oIIbyK37yWpwFPyO1rtmN7WY4KsmOBusCwqJMPURrfUxuYqlQoHuflE"
    "WJYznKDgRhp8j8wFw2IFOBJCwqs3QKA1x0SlcOAgBlSl4IVY0uOJrEtSVi7707EswdC3BV"
    "aUVaYRKl4myXD11T+BEqsHpRO3AVnME6MjMhX5sjWOrb7/fDu467/7dH3zFvCFRFbj/Dfx"
    "krxf74ZXo+HdWxXvK7H+m/x256d8ZX7a3eBqcDu6HkopaVkhx99iLR2ac14kMie+JIUCc8"
    "5fbiDkstcYbq8x/N6Ssl+cF7GTUcMeY3fWKQcbvNO6NZvG5yoI49jlYqkpSsoy6VOX7AVS"
    "r/7QNOnCZZBFHEXxKIHljOo1igNM0vw/G8u3bp16uXVUpyh75CcsU19SsKVLp1dk07uXve"
    "ndS2x6T+RTSx+rigg10HP2+qRQ6PJJTujySQLp+rDcHUWSN5fntvHnz0ZhHcj5kkpeUta7"
    "nxCs89jZ+ixRkcMuslTOWaLEcZc1cOYMkulW1kNGFQ00Iw7XbEj6gecLLjyNGb4GS05zWV"
    "W0VnuJKW8CsS3HjE2nmBhrg6igaZEuvD8v/UmtTY0QyJjJrhpBq/w8l1lJu81Z54nOhk9X"
    "fVYdreZrrXlqPkiFyVkx7Tj6Bo3HZFtN11rTanw+aXC3o/pQdC2ocAyOTIZSNJ19eCMmVu"
    "dD+gNispWjbgTSN4dB8IBWYMLoXMctKv8psDBDynuyKuYo2fdZDw02Igq20juBMdHWmChh"
    "TGjw9HzGBXJSkMfTTFsiKbuVHbGnMfJRNhRAU7kL5TgZDUe3QAf7qraDF4S6sb6rlwUdia"
    "698a9u9/T0Tffk9PzirPfmzdnFydrwSGblWSCX178q5USUmNSWBdmDMfdipUsMkYjcduNj"
    "T1q6oQSpS0VsunSDri30iD2Pd02GTBsFmT0qDnPXvL3y4mfUepEjYO71rOWiXyMybfzr5v"
    "jX4CLeJ0bABrf+HhjARWNgI10rEgV7J3v63fXVKC8MNrTXHD539cSbWuKnvRoCfWQa4Ihz"
    "WW8Fd9rcuzU1CahSAWOhfcTgcpl0SP3TnZuBTbndphZsthpsS8bX+T0sI8wu1AE3RNvxUM"
    "kC0XYqUg5ZKv57zCR5R+wVUJxAk/j7D/3j7tm5Cq1TF5rLWcxSvgn6gAjA3DtAmRaSV02l"
    "bdxeveL2tI5KR2xEpRoXu1f9cczWUN004R6giZKxlcER2nonIyTbqrrWqkbfHSyr20LRUc"
    "nDUXOnP+byJQQCiFhqqbfx5OnewINTPEOP9GGrqTwq2W5UHoKW5erLaan72pOSNd6urM3h"
    "Bpyy4ZWNMU7b4jrEe/xisBaJEe5lhwj3EhHC7lktCUmpb2ZEpRoH805isdurGdqrGWrglq"
    "7p1Qz9hYXF4BHpdiecYaHcozxfGFTlDLQuWOAibAosbOnv9x2p76QtZ9icqZNKlFlHbljO"
    "coaYFFVf85vRJcACLFHaJwKfWNdmx9eXDjXNBWMuQ5SZX8La5OibmxbZeFinqiNLLttYJz"
    "lQYPn0eEl1bZpYucNCpns/Y4XoQpjU5aA6LdMpp3ITgzIvUsUTaM6djHuJO8l24IX7TEl7"
    "JCZ6OJboT2mR7J9g1M0EqfhcST2OrNeIF1fv9s4+SJ1hO+/98PS+PnVW+fHm5wmHafiU4O"
    "2zlkM1KtTCmhKmabtEtJSPJyLUuAlhJze+tq6eOMynha4HOc25HuQ0eT1IYGsVRTmQaODV"
    "BqfdIhB3sxHuJr5BGzVRi6IcE2tcZ67e6x4x/kvCnLrcHT7I1U/MUT9MUZSjUs3bQqoe55"
    "DPqijIIZEGTswXBRC+yP6kWSKGSV8WUuqjWyGR+k4Und/u1fVV+p3A8b/BGE0oQ9qJCycC"
    "sV/ADEFbzNwSXH+B2QJUHbIopJR9n9+0kCj5CfdAor5a2nIMnBUigGc5BPAsSQAdhh6NOT"
    "RLzechmQbONdVP5yXxbaHNhzaxs/pMG4GIYXPWSdsEdHOOcjcAgzKb9v6ywW5D0OsVgv6I"
    "GC9pT4dEGjjgdxKfogZVCYS94g1Edyc3xsonilTPm+KWGdw4EInvvGJTgP8BG/NDDAPKAV"
    "eBkU9348z2KLqPqiq4fO7F7Mf/ASu/Dj4="
)
