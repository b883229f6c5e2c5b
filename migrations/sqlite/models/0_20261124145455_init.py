from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "branch" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(80) NOT NULL UNIQUE /* Branch name shown to staff */,
    "clinic_name" VARCHAR(120) NOT NULL /* Clinic name printed on documents */,
    "address" TEXT NOT NULL,
    "phone" VARCHAR(20) NOT NULL,
    "phone_alt" VARCHAR(20) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "gstin" VARCHAR(15) NOT NULL,
    "logo_file" VARCHAR(120) /* File name under uploads\/logos */,
    "is_active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* One branch of the clinic, with what its letterheads and bills print. */;
CREATE TABLE IF NOT EXISTS "role_policy" (
    "role" VARCHAR(16) NOT NULL PRIMARY KEY /* SUPERADMIN: superadmin\nADMIN: admin\nDOCTOR: doctor\nJRDOCTOR: jrdoctor\nRECEPTION: reception */,
    "two_factor_required" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* Security settings an admin sets per role (two-factor sign-in required or not). */;
CREATE TABLE IF NOT EXISTS "user_account" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "username" VARCHAR(40) NOT NULL UNIQUE,
    "full_name" VARCHAR(100) NOT NULL,
    "role" VARCHAR(16) NOT NULL /* SUPERADMIN: superadmin\nADMIN: admin\nDOCTOR: doctor\nJRDOCTOR: jrdoctor\nRECEPTION: reception */,
    "is_active" INT NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL,
    "password_changed_at" TIMESTAMP NOT NULL,
    "must_change_password" INT NOT NULL,
    "failed_login_count" INT NOT NULL,
    "first_failed_login_at" TIMESTAMP,
    "last_failed_login_at" TIMESTAMP,
    "locked_until" TIMESTAMP,
    "last_login_at" TIMESTAMP,
    "totp_secret" TEXT /* Encrypted with a key from the data directory */,
    "totp_enabled" INT NOT NULL,
    "totp_last_step" BIGINT /* Last accepted TOTP time step (no replay) */,
    "dark_mode" INT /* None follows the device */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT
) /* A member of staff who signs in. */;
CREATE TABLE IF NOT EXISTS "employee_profile" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "job_title" VARCHAR(80) NOT NULL,
    "phone" VARCHAR(20) NOT NULL,
    "address" TEXT NOT NULL,
    "date_of_birth" DATE,
    "joining_date" DATE,
    "updated_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL UNIQUE REFERENCES "user_account" ("id") ON DELETE CASCADE
) /* What the clinic keeps about a member of staff as an employee. */;
CREATE TABLE IF NOT EXISTS "recovery_code" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code_hash" VARCHAR(64) NOT NULL,
    "used_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL REFERENCES "user_account" ("id") ON DELETE CASCADE
) /* A one-time code that replaces the authenticator app once; stored hashed. */;
CREATE TABLE IF NOT EXISTS "user_session" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "last_seen_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL /* Absolute end of life */,
    "revoked_at" TIMESTAMP,
    "revoked_reason" VARCHAR(40),
    "ip" VARCHAR(45) NOT NULL,
    "user_agent" VARCHAR(255) NOT NULL,
    "user_id" INT NOT NULL REFERENCES "user_account" ("id") ON DELETE CASCADE
) /* A signed-in browser. Only the SHA-256 of its random token is stored. */;
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXVlz2zgS/isoPTlVdtZR5GMzT5KsTDwTWy5ZmZmanS0WREISYhJgCMiKajb/fRs8xF"
    "siddiUhi+JDXaD4Nc4vm404L8bFjeIKd52HMz0aeMD+rvBsEXgh8STU9TAth2WqwKJR6Yr"
    "OgplRkI6WJdQOsamIFBkEKE71JaUMyXbZwR58oiPkZwSpJuUUf0UzamcovkUS0SlQCaRkj"
    "hTgg2BMDPQiJqmQLZDmXyr3mRwHV5F2WSXlc4Y/TYjmuQTApU4UPV//gvFlBnkOxHBr/aT"
    "NqbENGJwUUNV4JZrcmG7ZbdMfnQFVXtHms7NmcVCYXshp5wtpaERqnRCGHGwJKp66cwUhG"
    "xmmj7WAapeS0MRr4kRHYOM8cxUhlDaXgPCsoam3feH2mNvqGmNlJECjQjEfpHOmTIwNFW4"
    "Xz9RTThrvmtdta7fX7auQcRt5rLk6of36hAYT9GF537Y+OE+xxJ7Ei7GIaju/ylYu1PsZO"
    "MayCeQhSYnkQ1wfGloG954QqqlSEz5nCHJkZB4PE726hzILfxdMwmbSDVcr89X4Ptbe9D9"
    "1B6cXJ+/UXVzGJjeeL33nzTdR8oEIeTewNHKIp9Q240BgoLQAuGksoUJum5bPRO4Y58YiD"
    "ME2M8somDewBDvmkUsAVK5pnCfxW2BDcMhQqTtMCTfc2aWiMrL2aDR2NP8sgLSYe+PoarZ"
    "EuKbGUXy5K79hwuytfCffO7f/xyIR5Dvfu53EoDbAFipbr9UOAKw4x26UH9e0Z3TvdnFSs"
    "OmLA1woFSDvBZkYmFqlgF4qXB84F60iqB70cqHVz2L4zsRkrIy+C4Vjg7fdxdFVryL/AXv"
    "IgmuySccajNLTcExpY1A9mndvmnHR2ijRzpmULGDZrbJwRH5l/qA6nAOKjTw3+hzhg06nJ"
    "sEsxyXJqqXMMMIFPfV2QNO/rLso9Pvf46xj85tkl58uev0AH0XexCi0nMJfZ8nQrgdoiDR"
    "cMa6eANPJLVIDueOaSYwN3zVt8EP1SHgxecb+ECjz8yFb+dVdPD2rvc4bN89xKxy0x721J"
    "NmjA8GpSeXiYGxrAT9fjv8hNSv6M/+fc+Flws5cdw3hnLDPxuqTXgmucb4XAP2HXbJoDRA"
    "LWb1mW1saPW4Zm31qlg9wChidrf1KmI0foqEN1TBCOtPc+wYWuxJpHsI4mT4fR1f7eOvA2"
    "JiF9h0H/ADd1+gigO0/o+gvwelURx5k+cBmX5kNa1kCWZ44n6Serd6k49Vz4K1eEHIg8Nd"
    "JpERB02KnK4KiBJfWLMj0mtDo7+rMGUYvERPhNgC4RGfSYSRRawRsAY+9qJFCKsQJgrelI"
    "6Jbl1bHQytVjD0Kx9pkspy7DimdHQuyO7Dn3UEaI/BiTqeuYLK7COeqVigxsfaiDpymk00"
    "s2FPKa7imZVxsXdhB0UTEyh+5bCAsokWfGtREJN6/2QMa38nf9Y9Ln8nZnXwQbRSZDCisZ"
    "4RvtYm7otSwhL+Y9pFipsibYc+I0MO/7jGuIW2Y6ZnzVVb+pSvaoQ8jxKKHTxfei/Rrgdf"
    "Dt9LvJBdt/3Ybd/AhLY7f3NAdP5MnEUXfm1kOJux56erPE3Hl4TPMwq6mW0EjPVMTZZIKY"
    "GPCI6iQ2wT60S4HiMM6SlhkupYcgfBy0FDJz+Bq8gdYqApFlNipD3OXVZcO5/Vcj6VQTVl"
    "nzK+UUypyikhG3pIl0U2GC/z9xcvU9uLMAdtxJHELgnS4RDNivOhdNi/3uw5NhpcaLPn9W"
    "nwaxt3H0R4Hbn9CKSCTtivZLFneluNCXLHBHeNZ7FDMsxN8sBNqi8yqXD4dDURBjnNDgXX"
    "0uBHos8cKhdIECkBXncDBBsWZapEIJs4SFWKTuScn42hLqCsAvrTGUg45NuMKsoKZYzLN2"
    "kyvPvqt6DE6kXZxK3HZlZqdMSmokC3wjnVj18eeoP2zd3t/QckZoCsi/NfzC/yf7vpd4f9"
    "wQeV5wtY/8V+GQQlX52gbNDr9h6Gt33QAs+K2MEWa+nUnMsimTnJJSmSmHP5Zg0hh16jeb"
    "1GC3pLxn7xqoydnBpeMHdnWXKwyTt1WPPY+NwO0jj2uVi6FCVjmQyoS/4C6a7+WNf5zGOQ"
    "RQJFySyB+ZS7a5RAlGXFf9bK12GdaoV1VKcoe9QnqlNdUrBhSKdVZNO7lb/p3Upteo/hra"
    "WPU8WUjjBy9u68UOry+YrU5fMU0tVhuXvKID9enlvnn78ahbWxEHMOvKRsdD+lWOWxs/EZ"
    "oiKHXEBqxRmi1DGXJXD6FLPJRt5DThVH6EYcrtuQjgNbMyF9i2mBBUtOc3lV1F57iSlvjK"
    "kJY8bkE8q0pUNU0LXIVn65KP15pV2NCMjUga4aQ6v8PJdbSb3NWeWJzsTbmz6vjtrylbY8"
    "15/AYDArZh1DX2PxhG5t6UpbWo3PrQZ3PaoPxdaSS1sTRHdIhqXzD28k1Kp8OL/HdGdhq5"
    "uA3BvDMHoiCzR2uOXmLar4KTKoQ1T0ZFEsUPLSZz1csAlTsJXeCUyo1s5ECWfCBc+dz4Qk"
    "dgbydJLrS6R1N/IjXmiMfIaGIqyrcCGMk2F/+IDcZF/VdnTCuJfru3hTMJDo+Rv/bjbfv7"
    "9qnr+/vL5oXV1dXJ8vHY/0o1UeSOf2Z2WcmBHT1jKw86RZfq50iSES09tsfLyQle45I2jM"
    "TZPPvaRrgzxTP+JdkSFTZ0Hmj4rD3DWvr7z4J1q9yBEw71rWctmvMZ06/3V9/mt4Ae+WGb"
    "Dhbb8HBnDRHNhY14plwQ6gpw9uu8NVabCRvebouastb2pJnvY6Euhj04AgQkC9O7jT5tGr"
    "6ZiAKpUwFtlHDC+XyYY0ON25HtiM220qwWZ3g23J/Lqgh+Wk2UU64JpsOxGRLJBtpzLliK"
    "Hyv0cOkHfivEWKE7gk/vFT+6x5calS69RF5jCLGSo2wZ8IQ1T4ByizUvJ2U2mdt1etvD3X"
    "RqUzNuJaR5e7t/vjmLWjum7CPUAXJWcrQxCy8U5GRLc2daVNTb7bFKrbwNBxzcMxc6M9Ev"
    "ARkiDCDLXUm3S8fTTw4AzvkGf+tNFUHtesNyoPwcqw+gpe6p72tGaFtysrc7iBZmx45WNM"
    "s7a4DvEevwSsRXKEW/kpwq1UhrB3VgsgKfW3MuJaRwfzXnKx66sZ6qsZKhCWrujVDG3i0O"
    "w/C+g/OV0VA8OhzLroVz6gdeSpWpGnZ+IEMc2i61JEpT4iVGxZUoOqBMK++BGiu5eDovBG"
    "mcmtfnns3+fE80KVpAdIdYn+B161OMTVfwW4CoyY35fKUkwmJJ7GHTpVQWfbG0y3Xcx+/B"
    "9kVSia"
)
