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
    "logo_file" VARCHAR(120) /* File name in the uploads logos folder */,
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
    "eJztXVtz27YS/isYPTkzdsZR5EvTJ0lWGrex5ZGVttPTMxyIhCTEJMAAkBVNT/77AUBSvE"
    "ukLjal8iWxwV0Q/BaXbxcL+J+GQy1k87cdBok5bXwA/zQIdJD8IfHkFDSg64blqkDAka1F"
    "R6HMiAsGTSFLx9DmSBZZiJsMuwJTomT7BAFPHtAxEFMETBsTbJ6CORZTMJ9CAbDgwEZCID"
    "ZF0OIAEguMsG1z4DJMxFv1Joua8lWYTHZZ6YzgbzNkCDpBshImq/7Pf2UxJhb6jnjwq/tk"
    "jDGyrRhc2FIV6HJDLFxddkvERy2o2jsyTGrPHBIKuwsxpWQpLRuhSieIIAYFUtULNlMQkp"
    "lt+1gHqHotDUW8JkZ0LDSGM1sZQml7DQjLGoZx3x8aj72hYTRSRgo0IhD7RSYlysCyqVx/"
    "/UQ14az5rnXVun5/2bqWIrqZy5KrH96rQ2A8RQ3P/bDxQz+HAnoSGuMQVP1/CtbuFLJsXA"
    "P5BLKyyUlkAxxfGtqGN56AaingUzonQFDABRyPk706B3IHfjdsRCZCDdfr8xX4/t4edD+1"
    "ByfX529U3VQOTG+83vtPmvqRMkEIuTdwjLLIJ9R2Y4CgILRAOKlsYYKubqtnAj32kQUoAR"
    "L7mYMUzBsY4l2ziCWkVK4p9LO4LaBlMcR52g5D9D1nZomovJwNGo09zS8rIB32/hyqmh3O"
    "v9lRJE/u2n9qkJ2F/+Rz//6XQDyCfPdzv5MA3JWAler2S4UjADveoQv15xXdOd2bNVYGtE"
    "VpgAOlGuS1ICMHYrsMwEuF4wP3olUE3YtWPrzqWRzfCReYlMF3qXB0+L67KLLiXeQveBdJ"
    "cG06obI2u9QUHFPaCGSf1u2bdnyUbfRIBybaR5m5NlWeiPoCDsbUthCrDPfA3JB+HH7OsE"
    "WHUhtBkuPaRPUS5hhJxX11+oCbvywL6fT7n2MspHObpBlf7jo9ib7GXgph4bmGvu8TId4M"
    "KUgMmLE+3sgnAjsoh3vHNBOYW77q2+CH6hDx4vOO/ECrT+yFb+dVtPD2rvc4bN89xKxy0x"
    "721JNmjBcGpSeXiYGxrAT8cTv8BNSv4K/+fU/DS7mYMP3GUG74V0O1Cc4ENQidG5KFh10y"
    "KA1Qi1l95lobWj2uWVu9KlYPMIqYXbdeRY7GT5EwhyoYQfNpDpllxJ5EugdHLMP/6/hqH3"
    "8bIBtqYNN9wA/gfeGoQs532Uk3LI3iSJs0D8j0I6fpJEsggRP9Serd6k0+Vj1HLskLhB4Y"
    "1YwiIx6aFDldFRhFvrDhRqTXhkj/UOHKMIgJnhByOYAjOhMAAgc5I8RUnFNHjQBUoUwQvC"
    "kdG926tjooWq2g6Fc6MgQW5VhyTOnoXJHdh0HrSNAegxR1XHMFldlHXFOxQIOOjRFmYppN"
    "NLNhTymu4pmVcbV3YQdFExMofqVyASUTI/jWoiAm9f7NGNb+Tv6se1z+Tszq0gcxSpHBiM"
    "Z6Rvham7kvSglL+I9pFyluirQd+gQNqfxHG+NWth0SM2uu2tKnfFUj5HmUspjB+dJ7iXY9"
    "+eXye5EXsuu2H7vtGzmh7c7fHCCTPiO26MpfGxnOZuz56SpPk/mS8vOsgm5mG0jGeqYmS6"
    "CUpI8oHUWGXBuaiGuPUQ7pKSICm1BQBuTLpYaJfpauImXIAlPIp8hKe5y7rLh2PqvlfCqD"
    "Gso+ZXyjmFKVU0M29JAui2w0XubvM16mthnlHLQRR+K7JEiHQzQrzofSYf96s+fYaHChzZ"
    "7Xp8Gvbdx9EOF15PajJBV4Qn5Diz3T22pMkDsmuGs8ix2SYWqjB2pjc5FJhcOnq4mwlDPc"
    "UHAtDX5E5oxhsQAcCSHh1Rsg0HIwUSUcuIgBVSk4EXN6NpZ1ScrKZX86kxIMfZthRVllGa"
    "HiTZoM7776LSixelE2ceuRmZMaHbGpKNCtcG7145eH3qB9c3d7/wHwmURW4/w38Yv83276"
    "3WF/8EHl+0qs/ya/DoKSrywoG/S6vYfhbV9qSc8KucEWa+nUnMsimTnJJSmSmHP5Zg0hl7"
    "3G8HqNEfSWjP3iVRk7OTW8YO7OsuRgk3fqsOax8bkdpHHsc7HUFCVjmQyoS/4CqVd/aJp0"
    "5jHIIoGiZJbAfEr1GsUBJlnxn7XydVinWmEd1SnKHvmJ6lSXFGwY0mkV2fRu5W96t1Kb3m"
    "P51tLHqmJKRxg5e3deKHX5fEXq8nkK6eqw3D1lkh8vz63zz1+NwrqQ8zmVvKRsdD+lWOWx"
    "s/FZoiKHXaTUirNEqeMuS+DMKSSTjbyHnCqO0I04XLchHQd2Zlz4FjMCC5ac5vKqqL32El"
    "PeGGJbjhmbTjAxlg5RQdciW/nlovTnlXY1IiBjJrtqDK3y81xuJfU2Z5UnOhtub/q8OmrL"
    "V9ry1HySBpOzYtZx9DUWT+jWlq60pdX43Gpw16P6UGwtqHANjkyGMiydf3gjoVblQ/o9Yr"
    "KFq24E0jeHQfCEFmDMqKPzFlX8FFiYIRU9WRQLlLz0WQ8NNiIKttI7gQnV2pko4Uxo8PR8"
    "xgVyM5DHk1xfIq27kR/xQmPks2wogKYKF8pxMuwPH4BO9lVtByeEerm+izcFA4mev/FTs/"
    "n+/VXz/P3l9UXr6uri+nzpeKQfrfJAOre/KOPEjJi2lgXZk+H4udIlhkhMb7Px8UJWuqcE"
    "qUtFbDr3kq4t9Iz9iHdFhkydBZk/Kg5z17y+8uLfaPUiR8C861nLZb/GdOr81/X5r+FFvF"
    "tmwIa3/h4YwEVzYGNdK5YFO5A9fXDbHa5Kg43sNUfPXW15U0vytNeRQB+bBjjiXNa7gztt"
    "Hr2ajgmoUgljkX3E8HKZbEiD053rgc243aYSbHY32JbMrwt6WE6aXaQDrsm24xHJAtl2Kl"
    "MOWSr/e8QkeUfsLVCcQJP4x0/ts+bFpUqtUxeay1nMUrEJ+oQIwNw/QJmVkrebSuu8vWrl"
    "7Wkblc7YiGsdXe7e7o9j1o7qugn3AF2UnK0MjtDGOxkR3drUlTY1+u5iWd0Gho5rHo6ZG+"
    "0Rlx8hEEDEUku9jcfbRwMPzvAMPdOnjabyuGa9UXkIVparL6el7mtPa1Z4u7IyhxtwxoZX"
    "PsY4a4vrEO/xS8BaJEe4lZ8i3EplCHtntSQkpf5mRlzr6GDeSy52fTVDfTVDBcLSFb2aoY"
    "0Yzv7zgP6T01UxMBjKrIt+5QNaR56qFXl6RiyIaRZdlyIq9RGhYsuSGlQlEPbFjxDdvRwU"
    "lW8Umdzq18f+fU48L1RJeoDYFOB/0qvmh7j6rwBXgRHz+1JZismExNO4Q6cq6Gx7g+m2i9"
    "mP/wNpUitB"
)
