from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "appointment" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "service" VARCHAR(20) NOT NULL /* PHYSIOTHERAPY: physiotherapy\nSPEECH_THERAPY: speech-therapy */,
    "starts_at" TIMESTAMP NOT NULL /* UTC */,
    "ends_at" TIMESTAMP NOT NULL /* UTC, after starts_at */,
    "status" VARCHAR(12) NOT NULL /* BOOKED: booked\nCONFIRMED: confirmed\nARRIVED: arrived\nIN_SESSION: in-session\nCOMPLETED: completed\nNO_SHOW: no-show\nCANCELLED: cancelled\nRESCHEDULED: rescheduled */,
    "cancel_reason" VARCHAR(200) NOT NULL,
    "notes" TEXT /* Booking notes (encrypted: they may say why the patient comes) */,
    "session_number" SMALLINT /* Which of the plan's sessions, from 1 */,
    "rescheduled_to_id" CHAR(36),
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT,
    "clinician_id" INT NOT NULL REFERENCES "user_account" ("id") ON DELETE RESTRICT,
    "created_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL,
    "patient_id" CHAR(36) NOT NULL REFERENCES "patient" ("id") ON DELETE RESTRICT,
    "plan_id" CHAR(36) REFERENCES "treatment_plan" ("id") ON DELETE SET NULL
) /* One visit booked for a patient with a clinician at a branch. */;
CREATE INDEX IF NOT EXISTS "idx_appointment_clinici_50664b" ON "appointment" ("clinician_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_appointment_patient_7fa8fb" ON "appointment" ("patient_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_appointment_branch__1a5e42" ON "appointment" ("branch_id", "starts_at");
        CREATE TABLE IF NOT EXISTS "closure" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "first_day" DATE NOT NULL,
    "last_day" DATE NOT NULL /* Inclusive */,
    "reason" VARCHAR(120) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "branch_id" INT REFERENCES "branch" ("id") ON DELETE CASCADE /* None: every branch (a clinic holiday) */,
    "clinician_id" INT REFERENCES "user_account" ("id") ON DELETE CASCADE /* Set: this clinician's leave */,
    "created_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL
) /* Days nobody can be booked: a clinic holiday (no branch), a branch closed, or a clinician's leave. */;
CREATE INDEX IF NOT EXISTS "idx_closure_last_da_889cd0" ON "closure" ("last_day", "first_day");
        CREATE TABLE IF NOT EXISTS "opening_hours" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "weekday" SMALLINT NOT NULL /* 0 is Monday */,
    "opens_minute" SMALLINT NOT NULL /* Minutes after midnight, branch time */,
    "closes_minute" SMALLINT NOT NULL /* Minutes after midnight, after opens_minute */,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE CASCADE
) /* When a branch is open on one weekday: one row per opening (two rows make a break between). */;
        CREATE TABLE IF NOT EXISTS "working_hours" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "weekday" SMALLINT NOT NULL /* 0 is Monday */,
    "starts_minute" SMALLINT NOT NULL,
    "ends_minute" SMALLINT NOT NULL,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE CASCADE,
    "clinician_id" INT NOT NULL REFERENCES "user_account" ("id") ON DELETE CASCADE
) /* When a clinician works at a branch on one weekday (several rows for a split shift). */;
        ALTER TABLE "branch" ADD "slot_minutes" SMALLINT NOT NULL DEFAULT 30 /* The calendar's slot length for this branch */;
        ALTER TABLE "branch" ADD "time_zone" VARCHAR(64) /* IANA zone of the branch clock; None: the clinic's (PROSPINE_TIMEZONE) */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "branch" DROP COLUMN "slot_minutes";
        ALTER TABLE "branch" DROP COLUMN "time_zone";
        DROP TABLE IF EXISTS "closure";
        DROP TABLE IF EXISTS "opening_hours";
        DROP TABLE IF EXISTS "working_hours";
        DROP TABLE IF EXISTS "appointment";"""


MODELS_STATE = (
    "eJztXW134kay/it9+BLPuXjO2GN7JuTePQcDM2bHBi/gzGbje5S21DYdC7UiCTvs3vz32y"
    "8S6B0JBEhyf8jESF2NeKpVXVVdL/9pzIiGdPv9pQUNddpogf80DDhD9I/QnSZoQNNcXWcX"
    "HPig86EPqzEPtmNB1aFXH6FuI3pJQ7ZqYdPBxGBjhwYCYjwgj8CZIqDq2MBqE7xiZwpep9"
    "AB2LGBjhwHWVMENRtAQwMPWNdtYFrYcN6zb9KISr8KG09FTjo38B9zpDjkCdFJLDr1r/9L"
    "L2NDQ38i2/toPiuPGOlaAC6ssQn4dcVZmPxa33C+8IHseR8UlejzmbEabC6cKTGWo+lDsK"
    "tPyEAWdBCb3rHmDEJjrusu1h6q4klXQ8Qj+mg09AjnOmMEoxYPsLrWUJTBcKKMexNFaUSY"
    "5FH4IHYvqcRgDKaPavNf/8Qe4fj05OzT2eePF2ef6RD+mMsrn/4SX70CRhByeAaTxl/8Pn"
    "SgGMExXoHK/x+BtTOFVjyu3vgQsvSRw8h6OO4b2oZ4nwB7UmBPyasBHAJsBz4+hld1AuQz"
    "+KeiI+PJYa/r5w8p+P7cHnWu2qOjzx/esbkJfTHF+zpw75zyW4wFK8jFi6PkRT5EVgwDvA"
    "srDqyEyhYs6PBnFSzg7z7SADEAxX4+QwzmDRhxcpqFE3RUIiv4vSAvoKZZyLajfJigPxMk"
    "i49kfzxoNHYkX1IgnfT+OWEzz2z7D92P5NFN+58c5NnCvXM9HHz1hvuQ71wPL0OAmxSwXM"
    "t+SVADsIMLOtN6TlnO0dXMsVKg7uQG2COSIK8FGc0g1vMAvCSoH7jnZ1nQPT9LhpfdC+L7"
    "ZDvYyIPvkqB2+J6cZ9nxzpM3vPMwuDp5InQ2PZcIDhBtBLKr1u1a7fhCn1EoHdjgNsrc1A"
    "mzRNgvsMEj0TVklUb3cPAMKf/OuR0GiMrMi3570AbsQT170bUeVZ2ozz+BAb3T8tmRP9jg"
    "6HY0HN/2Bz1l0r/p/Ws46L3bhFcXWWTSRbJIuohIJFsnjjLDxtxBMZrieAZ1PdEODdOut0"
    "iLklEfP+Tk2IQxA1IcNWhRdrAnBwJV+uZYlFfYBis/RGbT9ePpp4ul1co+pBms45v29bVn"
    "tfpMf1uBqoNfYl6VS0J0BI0EL4CfLgT9AyXcFfaeGbtfhf1yOLwOKOyX/bBGfndz2aOCii"
    "9+Ogg7wosSAVy1EINEgTGqZJfeYWIowUwNUIYw11zS994f5bFZs2/R9AdqQ0NfuHxOs6Co"
    "HBtP2je3Aa5025Meu3MaMKG8q0cXIcm0nAR870+uAPsImHDk8BLbebL4N67GTf7VYM8E5w"
    "5RDPKqUIN1tSS9qx5qAa7PTW1DrgcpJdfLwnUPIx/b+dMzJ+vjs88jyC48QPX5FVqaErjj"
    "Wx42smI2wEuX7Mu3EdIhBza6Blxf952NSuSnyit0V1dXq8BnfdPf7jm3NkfoVsxSV5As9I"
    "TZbTb5lkiNfFPVFS6H7abMZaqYOtwWsIk32S2dq66IYeOPObZwnKaeB6s+n2ZRV5SgaRJ6"
    "a7a9vGqvZqorWNRktefWtiuqI2Ypj4UuTHD0gqyFZ5wfQdccB1OiYw0uMlrgmWAkJjLoJM"
    "qUzLdVI4ZiqitvpjquuldiPRcE13cxVe3gYkorOSVJamz01ux0Fr4CDfjEfxL7bvZNLma9"
    "mamTBUK3FuGuz5jAjfCQZloEB3IHK6Zv9NpYju8srmLlJQPPCJk2gA9k7gAIZmj2gCzmYO"
    "PH2wCymAvgfVM0iGPr2WT0RrmiN34nD4qDnXzu/ABR7c5Mio/XkEfWOzxNlQEYyYDuJACD"
    "+eAU8qg8YMuZxrv54mGPEKZ5+Uqj5RbBB+akC6H4O7V5mHLm/dasIIbp3jKG0tucLHXr5W"
    "0OcN1GlpJLGfRRFHN6WnmVMIf3PmoiBVkR5cPQQBNC/+HM6NNnh4YaJ6u29OgflAlJFiW9"
    "bMHXpfXiX3r0l9Pfi8SBaac97rS7VKAVZ2+OkEqYK6ZDPzZijM3A/WaapWm5I+nP0zKamW"
    "1ANdZjJiwBI6I2IjUULWTqUEU2txjpKz1FhoNV6BAL0C+nFCr6iZqKxEIamEJ7irSoxVnk"
    "xNL4LJfxyRiqMP7ksY0CRGWOYd/QQio++ojKoI10JLtIBak6imbJ9aFo0IUMtambGpwp1O"
    "bwavChmbsLRXidcvuFKhX4yfiGFjtWb8shIAtWcNdYFgUqw0RHt0TH6iJWFV7dTVeE6TjF"
    "XA1cqwaPkTq3sLMANnIcCi8/AIHaDBvsig1MZAE2KThyXsnxI52Lqqw2XU/HdISFWMQAS3"
    "SzgEGcd1FluPjpt1CJ2RfFK249Yz6LvB0BUeTRljgJdHx32xu1uzf9QQvYc4osx/necC+5"
    "n7rDzmQ4arHERIr1vfH3kXfld8u7Nup1ereT/pBSUcsKmd5Ra+4cgossKQThLcmXQXDxbo"
    "1CTleNIlaN4q2WmHPjtHjphBn2GDm9vFLZ0Gnp1qybPldAEO0uN0uuosRsk57qkrxB8t0f"
    "qiqZCw0yi6MoHCXwOiV8j7IBNuL8P2vHS7dOudw6bFHkrU3gpymvUrChS+csy6H3WfKh91"
    "nk0PuRfmvu+g8Bohp6zk4+ZMqx/JCSY/khgnR5tNwdBXHWV8+V2X8HU2FNaNuvhOoleb37"
    "EcIyvzubxkCdZ8nKp6NSih5E8vKXwKlTaDxtZD0kTFFDM6K6ZkPUDzyb247LMcXjYE4xlz"
    "SFtNpziLxHiHX6zujkCRvK0iDKaFrEE+/PS58z03/PpoYPZGzRpRpAK7+cS5xEHnOWWdDp"
    "cHvWJ80hOV9qzhP1mTKMSsW4ullrOB6ilZwuNafZ+7nVyy3f6qrw2iGOqdhItVAMp5OTN0"
    "JkZa5g1TNUa2Gy0qW8xDEEz2gBHi0y43GLzH8KNGwh5j1ZZHOU7DvXg4ONDAZb7pPAEKk0"
    "JnIYExw8Ls9sB5kxyOOnRFsiSruRHbGnd+SaPiiAKnMX0vdkMpzcAh7sy54dHBlExPpmTS"
    "N37Y0fT08/fvx0+uHjxefzs0+fzj9/WBoe0VtpFshl/ytjToCJUW5p0HpWZm6sdI5XJEC3"
    "2fuxx0x/Vv1QJ68i6FpDL9j1eJfklZFRkMlvRTVPzWXBsbfI9SwpYKLYSL7o1wCNjH9dH/"
    "+6qtS5ZQTsqj1JxQDOGgMbWFqBKNgRXemjfmeSFgbrL23my7vaurZZMNurJtAHxICNbHv7"
    "KnAsymksZqorUF5hQcVVdbYDLHuBwXJ6T3LUFywGsJx1BquIGpk7KpkhhYkwS9u2OJeYbM"
    "TnqilgrBojResFFyDBWDXGkTtVTeE6aBnLKgLGYSpGfL0FuDRs82N3W4GmaVHNSWK2FrNl"
    "odRilln2gqn7dXpZgBg6pn+yhBZkZ+09lglC6DhQnRZRRHU5UWnwK3axiYKDUFcMEttEI1"
    "8hVTHXgGSqkVRJlZ/DRMewTIlt38yceFVxeWkYPhnE3nZldcU0OEuR1ArDhG3FdqAzt92o"
    "QYlaFtQcrCqOt4FsjRadbUInqylkU8zK9zDdwvXTb4fZDdKYALvis5ZHxSgWM1mSfUOwlA"
    "dCnrddYvkwq+L60hGMzaCpcgn7MXJaojGZUDAxNH5gPcjdX1pw/X+FLg4Un1RfYRCLXWWy"
    "an2xVet9LqFV3fh4TL3CjeuRjSlcX5OluEHqvHd4lJBB7ztbWpNIb/tGZkikF6YdK+3yYJ"
    "FXOsF7wI77eXzO+Kp9fHp+wbLmsWMDCxoaCzuk25wBqLATtRHjsu2LmVSm5JcrJZ/zKHcy"
    "ZpCqdmn5xVdalDFo6wRuBaOPErIUbIQ2TlLw0UpWl5rV6E8TM8U9P6ODlNVhc6P9YNMf4S"
    "CADI1t9Tp+3D7Qt3KMt9AL8wlswPggpcxBqgKX6e5rC8U7q24UpSxxJtKGClLxdYtwTC5L"
    "MsY4LntlhxVA9tQD6SxL+Y+z5OofZ5HiH6IM2xOKqzmQXnNrRVU7mHdSZkVWXZZVlw/glm"
    "pWo+pye65hp/eC+HNHnGG+u800Xxhk4xS0HJihxyUBGtbA6xQ6TeAQ+gdWp0DEojZFxu3r"
    "FFmUFFKddkpeAXbAK50/rsPlVnOtd3z92iCqOrcsoSHSm7/6uWmjP8S1QE7B8iqrRia0je"
    "UlN7Y7PJJ1RHEW4rWg192PoUFu1O7yWqJTjt2NvJRpSaguQX3aLe0lpTTZgedfMzntkRBp"
    "dSzRN2mR7F/BKJsJUnDJqHJUoy2RXly82zu5RmqC7bz3uqh7grb4yqWHyXStuUhwz1nzoR"
    "okkrDGVGDQhSKay8cTIKqdQNhJMzfp6gnD/DFT5e+PKZW/P0Yrf69sraworyhqWLX442kW"
    "iE+TET4NAxwyUbOiHCKr3WIu3useMP5zwhy73VUf5OIFc9APkxXlIFX9jpCKx9nns8oKso"
    "+khoL5cwaEPycC/DkSw5SU0ZNcktFHUl5B0fj7mHWm4L8JHP8NPKBHYiHuxIWPDrJ+AlME"
    "dWcqRtiA4aGx1M+SlmbUkAPjyuEmvwYrivJyacN34DyTAnieogCeRxVA00IvygyqueS5j6"
    "aGsqZ4cZ4TXwltOrSRk9XDHAR6JYJiTgF91YOSjwBN36AMkfAmsmxi8Bh1kcYDptAGopIP"
    "Sgh0z0RTcBz73V2/myOQfT7H2ntGs5tDs8Z/P84NbrIC/k3sn7O/7Upgp6xuYToKt6j/PI"
    "X/9DW95vKp2/MizZmdtJ395Zebm273mGoqGlyw8EverQL4q1I1gY0sDPVsesmuPdSyFV0c"
    "zKeZWtGdprSiO43oI+z/yjNa5AHaT7MrnItY9tfkFVnHKrQRV7x52RUbQUvUjSwF/CYFL9"
    "ciXxKUGfi2DV6gjnmOfQv8148n4MfPny7OwdnH05MPm2CfCfoU5BOAVzT8hOPy2tfg76Mr"
    "Mxu6/Cm5udncdvFnCXs8SY56PIkEPaJZTktzSVA7Q/P0PIuaTkelBJVGbCCKhxYX9Zity+"
    "iKuswbaeNL76Z93aOT0cWho3tDfBJ/DydXvVELEKZj3xt3g25/3LkejnvdFpgbrDSbTmyR"
    "NZ9/J8i0EaTsA2FmMUmpkEflAVtOTDYli8VKcL+ECdMisarn903BmQVWhQ/XnpCyoCIuRq"
    "CP6ZrQE4/hA4QlPoVvtJ8QeMIvyAAwqL6z8FFhd/KVwPrAIJY+PTeeDfKatWOuOLv/ePrp"
    "Ynlszz6kndiP6St3HT22h5pG7a1cDl8fSQ0k/L49tywg04R5D5eDVDWAfQ/Nu9EMWRQTlV"
    "VUNxyoOrkN1eQZ6seBXRhNUfxym1EpU9SOBzsxnhzmyM0XoRmkKvGxtK/HGntagMXO6h7l"
    "zU2dQM1mnYtcFTk/Q7JxJI0lEZ6snMxK3B6QrEJGCLdUIfel+4sCokLTIY+cQ1G3Jjhi1+"
    "/6XT4uY8OvfFpntepz7DXLpZrNgmSLqLfI9ZhEmmjJPfeFfYiPe0u0LyN0JbYxDxbpLTqo"
    "b5KbEEMps6LXZ0X7YYuiLTtyNUP50THLLKEvV7zMKADjjBnoJZMUWQGOiMkAvPQpwODu+j"
    "pr2zNfx6Uo8jvstFSV5R0XAHuYVkuVROygzYMqidhh+pJUEirZmKT0nTaqjNOhmkZUEjPZ"
    "AWE3lcNnon2GMl31z4iHNnsF8dp25NgsUroLF2MR1JkcMr0a08wQO61ocKGsAkXXh1FPpg"
    "iw6rRudCmYQoqsBqi6CYgBIItHbXHX7W+D35gX9zcvVPW3JuC98+hg1/3OwnUfoI2icde7"
    "+pItArXpV+bxwbvDi/a8H7TGURYvenIM9mqRZXQCrQj25/v5sCPoduL4OUzSRsB4jhFDYe"
    "M6WQRZ4ZFrhQ/dMwBDlvJGHAZB4MoxFhqzOvdisZFRqZKbOkuZtmBqLuuu6/CKbTLj46AZ"
    "H+oUo0eK44za8jipCsb6qMmYaUodPjnodb4pt+3+gFIj9fnYpE99b1y2l1eZDHCvXg+/K7"
    "47Onk99t0dtbv99qQ/+OretiA1NRzKSPe+PxhzsyPzomMYllxSRAprvuTkOOIyRzQwFWn5"
    "0EzZeWVuPnCEvEiH7Y/GdxLWZqFHZFnUSrDJ3FLzFQSLktYutGcnAW4CONYuiz4ONaTygx"
    "6krR/quwhq86sayzo0G21CcROVehvqD5TOdX/Q77SoZDoWvs9742p401N+7o/7kxaYkhk6"
    "5toS3UoGdGyv5TbQvjfGt71e50phG0z79pcWsE2E1Okx22mgmbHOwq43m6WiF+FperCIn6"
    "5+8UHVjQyJBgQ9opgXtotUPIN6QtQCinszNUHy3iUtz1taiN3f6/Rv2td002mK7BjKQSxO"
    "d/01qMI1kBb8mG1GrSqSkJi9XipGZym1SOy0x1ctoEJ7em902qMu+9vS7o27234LzE1Mr1"
    "71/nFHxaA6RfRJttewT7JpEimKRCSpiWsASUdYycp1mK7EenVp00FMy/ecObAP00ns82P/"
    "SHRqHStzU/H8tlndwFHKt5zORyW5M09Izl4v8FfUe7Q/TGRoDICc0v62N+j2B19bwKWn0n"
    "04GN9dT1iyqqvPIyr9vfzVMqWuqgx9Xd8sAD5EK/ualVnFdbklDMv8zc0SyGvnHdhJ3WAL"
    "Pc4NTdlOJEYm2SP2hptdl8s9PWR2PqO8N6IictT7cjfoMnEofteGArFwtbda+UAyNWS9dJ"
    "QJQW+R61kSgg7TSaN0DC6654NMs9oduGklxZMDC1JLim8VYFBeBX1NPEFKZpWv0uiWCT++"
    "wqbVBHZt0k9wZWVIqJIJa1mhlalqJU5V22XQXTABKybqLpKhlRx2F8wM42MzBt7NTIaHBi"
    "hjbXbHgNhC4IhYgMUEAYvHB71jAbnUwlvG1hGDf9TgIikkr5B58wfrCQBElQwZr3fYeD3M"
    "vmM+i91js/lCgjOU+ixwcDsaU0LTsu+NYbffAkTD98aA/WVoeBOnR8HdPfxvRoQdaYVnAm"
    "TVLTvDozSy8SFnQUPDfkVx5QxTquitSEq9qEXjFIaeT2g3ARXi7JqDDGAjIaRsukqQDY7Y"
    "l4D/AQ86NJ5LGq3IHzXmFUgLA1nSbB0IsqdQUiaOwIfjkw+MWZC1PFCpFKWKyE98NrcSJS"
    "GAqicLj4s2oKsSCeZt/6a4YSTnzZPMUSTSK5u8N1TTP5fFKyudHYUpYzHbfV7/XJRQOujW"
    "VumRvqQd+pJ8K1K6PNaAG317S+XzYJVTRoip4vGJhoH7zdRcZzpSsfxDszk8eMNCqvkwpY"
    "hO0aKaEFOCNASw0+RqUZN3BkRQnbqjNdEY8Ac70jkwwflR/HdkcoQwRATP3Tll0uK+9t20"
    "pMUlK/KqtAHKGqq0FVFhM4Vd2fPZDMbVx0gOtfKRlDe8qtERhlUT9DTM/38DrWcqrpYe3i"
    "Z4/z4iB7Ml8OygwPJb6WH7H7FNNMUe8Vc5PS2eBMsdIhCmkxZITIjAarvPbDKvSKS9vMag"
    "c0v8bWls1LVkYNjs8K2sgL3RaY877W6vkSAWpDm37gQ7LAlLZc0FV3eMORdZ/sn2XLBSZz"
    "aDrs0KQ1m2OOLx6AGkbzlVUF6xM11Vg2kC08KqKCHVH4zi2gJvNVf+k2q6sC1HpBBJG+2w"
    "NhoVIS84qW5FhiSmFXmpT/Nur34Z94fLFHxzurAxcTPwq5Ghz7eZbcouBCYoNbO67f71L6"
    "wVNNYpc9rdn9uDTq8FoPbCfti9cdvufGt/pVdMKsqpeN6EQTtIq6AvnmIiS4kvrZd2xBom"
    "rcpJa5dxSLjrBG8KOzk9Oc2VgM+XgcJgzIl8mLQqyN+K5+atcw8DOl2qMa6GRLvWGy7zCW"
    "LsWdbslZX5zLl4/WSHqdKRs74k/ekjqmSKoCSuSB5m7TrEiSvdmQr2kqYq9VAatwxgMMPG"
    "3Ab+pbJ/vH36fhT0xPC7IFU1ou+K0OZj4uyQoeWGz0/zpsGzkc0OShWxntj7EAdkegPmpD"
    "lK7J1tjNmzMpuen7W6v6AJxMPbwntOP2kGfppmFAwFNmD2EHUfZ1OG+MjLzItrbneEmcG8"
    "KL4fsF/8q1e8BKoOfsmdpN/uTPo/M/ORU7PKJTe31z23col7kHdv9AfeOGz4vufwVqUMC3"
    "2DYaEyWb9uXI+JpJDJ+nsxrkW5VpxwYpx8EB8iK7F2cThoZR2E3TuFFGiaFnnZAOaUGSTg"
    "svCELDxR7gAIWXiiNIUn4iRpATjXO4AnZfvJUuvD078kzusCpUKaakKclCykUoKe3yJnZ8"
    "s2neFMoZoI6WBlgQM1Na3IKs3X0zRnbGPf+GOOrUUjJqrRu9VMi2fEvkGZMtNcAuYeZyn5"
    "zxTsJutaxwviiL06Pt0sK2GWEMWATrDyb/vcqDJW8bCxioy9mx5YeLS7Oq4ooC1N4x93/c"
    "63FqBLWn2+NyZULaLzIjvSUmiTk4mCK+qU/fQouv4Lq3zPOz6x0yNeVYdXvWfxidfX/ETJ"
    "KxhfjtOjR/qtCv8Qy6l48RQgKnOgaHZP0e67o5lTt354VpSXBGVGuNG2wQvUMT9TaoH/+v"
    "EE/Pj508U5OPt4evJhkzVefGA0C99cIBhXhSo9hCBAWCOHaBHRAfSHayihseJ6+b6iLnF7"
    "nsaXHv3tdFN9RHSZoHtDfBJ/+5tV3Rt3dA8Ye71N5gZzbJSpwcm63sBp+b/F9APeE8c67H"
    "FXbWKX1dgo4Brmuu0TfkFGLjVp34nBsmHsIVqXzmb0x6pF9C6Nm2mPXFDpjpZXh+1QEc9U"
    "U12/N763r78prAH2K9Sfj1nn6+9X7cm4fXvLSrVAx6ZmPb3Wu6Qf0UMZu/ahP02kMotc9B"
    "7NHRYbT16JPmaNnvvwwvZYyj9TSAZ6XVT9LEb8xYTSMms0xZ5Y//4EJijzVjOhD+q6lzCy"
    "c+TZ7LiQreBzrON+3caxJCvvphGCnXdOEu26wapdd0m2lNJ1w97TmzHk0gU8EPLM+GIhXu"
    "Z881ekeIXYOzifx7llUyzyIFmZeeDWeL7rdynsKqJMeMK2g6wNTZKLLBwIB0b6OHBR7ajl"
    "fbYUr2j4qgxafotcl0HLMrJ2h7vYgJ3SitNarlJ4qkTGPWy3ZY1lMN2ugunqG3y05YreX0"
    "jSLqNH2o4D1SkPt4kJIPHdbabFkMDguPX1sAwwN3UCNaSB2+4X5hnBM/qATWBTs5FeRIZq"
    "LUxHlK5iTpMpgrozdalsyjVdi6tqXOTE+StlyegTGX2ymefFQiaxnLz+l1HvdjiaML8Lo7"
    "43+jftrzz8ga15Hv5wS4V6Z9S/nfRZUVbTWtEX4Cwu3BAlFqaPDZOCIJJPxiKEJXYHFPFi"
    "7OSsa4Y0DFO8Y/HQB6nKHB6x4RnXWRZ/5FmyOzKmwAr+dwzEycUT3OHS9IoxvcS2rtB9OE"
    "b7TylpHiQr87JtiKDpF96ngWksQVVlE8m9m4LmlfIiSodSMW5EmYa5g5ZY/Nw1H6I+ki3g"
    "rI4GlANNzyDM7Z6LEpbYP7fXHVjmDB8mZ5i95QUg28XwyaAvDVYn7oTVWsJZ8fUJxQzg+l"
    "73urk6C0c2KhpL5dUUJ+5QHxD+PBG/ZuB+M82zqbojqQLkDs2UI/eCLF4yjqW6gfGwfQsY"
    "/U/gN7oqMLIpZr8BbHN1HmtsFHaoQo8t2/FI41PoCpo3v2vTpQ57OZvgV19+kE3fEN8Nqj"
    "hOiRXJ0fOdH0sv6WG9pMtVkwfsANFudfd9xnoUo2yybANsehGdm3ifgzOU2jNR/T4NDmLZ"
    "CQ5SnlGuGM0wXXmDNMvj9Zw//I6WtTqzevaDVNKtn9+tTzaBnUjUt0Md2qxq8CzWEk6GPU"
    "glcc+Pe3w7vGTEvfES6/xYl72sQMzmqVnwMfcxe3fU/jJpAU57b7S/t/uT/uCr0hmO+18H"
    "LQBfIXYoX45VwgwgqvjQyyz3VJhD5VB0VqZZhF3phzMBwgLOZir0zpToKCYmtjd6FiPW32"
    "ZHcETyuTJ89vligjxOr6DgI9tfKMHJjvhZYPUEkxV6I3NbcQHKe5YZT77TU7jq+UXo/wyN"
    "d021ELTjFm+KVhxDK/W1DbqcywiNNxihIRO96sb1LIlegbOXjPEOARoZbRiX6OWpybkzvS"
    "KEMpRE1vTfmeYl43MOE58jJGgB2GaMHqkqsIGdJksS4kp87g/ckgnbzPmGka0mAeDDhOa4"
    "sWdYyLJQXM7qZjMtKEcLDFufbQiWBGAGNZHzySsxife7CV6xMwXQAITTQB2o9EvBUb/TPT"
    "758O4nYCBq3AMBotbkxVMAlbhEf0EayzF8IVhDWkw64j6/WeYrVjgSx/8wEbiTXSMhsjJH"
    "i5TXLULfuDyYe+OlC+pNHBkW08eWbrvD65/ZqaAnve+N3mDSG/W6Sn+g9Eaj4agFqGhmZa"
    "GOsXGMLGvDAmqFp+UK2BV1Co2nzc4Q4yaQZ0zlcR9FvYZ8+W3gqw/TSSEp/fTSY5vFT+9a"
    "Cht1Do1QSu+i9C7u5Vw3tLXnXbpJ5HL9ykTLQzpy/SJVehzXtg6N7D8ZulpGXn2J8xqck4"
    "RlqVIvQ7nFyU5eX/bxWk8vHat4uc9Z/L0GmltkRcv7snnl/ZgbVWOV/4i1agAWdszGuXKL"
    "mVR6aSvspa1WVbn8IqvR631tAfrPvTHo/NwC9J97o3fDrt3Qa6PBuAXoP/fGZW/UbgH277"
    "3xc++2Beg/21eUK7j/AnbQLMbXmOy84ASKjaDbErDEzovGAFkvyG6C2dymSNhM8FD5CXVM"
    "RUe+CqZ782voePaQhx1sfDW4UVpXUt1bkGQ3xnbfZITt/zlx9pFIjLNgXMHzo6WGmPcIad"
    "T7xx01TsWZkTvHvTHuXPW6d7x9ra1OkTbX2dXukDUcZsupwAa3hbd6oYoW/eW5tmQfiZT/"
    "8ihBHiXIkP+3yPUsIf9voQuJPDwqB7wyNH23wBZ/olHfPi7FR1Bv3bHFlxGw7IwSo/Zeus"
    "Rfvoka37EhM7GtWOoB/F+7PIi4QRor3HiFWa33RSPmICI0opl2EDETY5Wpb/Dag4jvU+j4"
    "DwDcRh02gA9kzu9gy21Aw0K7WQcilVgaMJGVfBBR1KTrDyLkYcNBDxvol2iYPUougzlIJW"
    "3mDWKU59YTL3GZB/YAkUR9s+4zKsy93ENkEvkNStXpOrKecq73AJFEfZOTGaoz6vAppzfU"
    "RyRRl/5Q6RmT/tC3yPUs/lCPd/nbvmjSH1o1f+h6k7Bq3tDVMpQOu7XdSLQtHXZRR1QGt/"
    "TQQBNC/9m9U7oMq3sbl3SnPe60u70QB7ZrXG2ahD5LYudq3+1mauvq0MBs7V2wjR3wQMiz"
    "G+ULl944UdABiL4xGBoAOvSj6Lqe0NNli8myRBMvqVedWCzHXnZpCbItdDPQLd53T7oGD+"
    "oapNL8BasbtxjxkZc6Grn6/UVWr0xOwyNAWB27o3E36WRDvrqGRtS+RIa2CY99ZNXicBPA"
    "RwdZILBI3xbLKxiIKjSMnBtd43I4/MZCSQX1vdEZDr70Rzc8upQYj9iasavt0ajPq5tAy8"
    "K8uEl/QKccU/E9aAFsHLO+JnRGRn9ze92bCPqZyeta3RuDoTK+Gn6nK4cc21PyGh/Fysuo"
    "rOJfKTu9CNhNpH3x8a3iQROrZiTHgUcIaxcNvpOW46z3YS7/+ZKgxL7zxiV90yiwvLOjDY"
    "6QoVoLkz5Ui53tL8AMLoBN/3udLgJhAPRtQva77SXxTo5UxduvUMH4gGLqY6Y3LohSl9gj"
    "1/g+xeqUtd7kzNGh8YMN3F9gN8GjRWbgJKO4Kq7HgU9UUmMxp9cullh2GZcnS/U+Y5AnS2"
    "+R61lOlgJesYynSgEaWVw/rrh+yE+ZNX0hRCaxjcNW5oa8nbPQWuhTTHPOi6ieJATepHaa"
    "crYsNqMotrnPlS+XE1Vzka491Axs2xnSbGQO0y5zmLytvgB4a95hI6wVZVm6sa2TcwM7YS"
    "oDO06/deerpLxdv3j1eGzji93J7Ls9Zt/tMqusoxN7bqFGTMiJd6uZFm6i+gatDTXpwoUN"
    "DPJAtAU7BAEPyD2GaS2DQsCU6FiDC3BkEDcw5F1zGSMC2NfxviGWP4zkBxvoCL6gaDzKXr"
    "4xS9CKDm1Hod8iXhfL/ZAv7iTRqslqyrjLs7SRWcUYMslhJivgI9gy51Y8uAGiNL9WdXff"
    "ODSZXypc7wzmR89PUw3w6Gum6nPb65FRMIb5z1IPcYi6y3d890W15NFFMvrVdGJnObo4jB"
    "N7X9UxiYFagPVOW3iKyVFYgcl4Vl4nN/ee0B8jhwUrYDuqAB4Ic+n+3ltfgv37FqsnU7b3"
    "Pi4zKg7sH6uKRCnEbxYPunTt1MO1MzSRQX/lFZlbQtyF/DuB+800Jw8RI5XpcmiGUkHIWD"
    "lR6DpncwBi8Ao+rwg9U+HSEuV8yCuv5eN+CThyXgm7yDrMPiM+B4LP4AE5lMx4F1dAaJdf"
    "VXBZIenD2dKH4zI0imx6zKWPrMwBFY0PbAHfEMN91r0GVbLXwlZm2Jg7MalY6fiGaUsN8g"
    "1/TNvN+phhzcBPU6fpiRDPtt8r+NzPvCn6EeJKwi8+h1fSXrkgI+GKkuGlsqjKBnCB9tJh"
    "dMvvxHpO0y0D91N1y1cxcgPdcpVFzuaw/bnkIe0PHNnMzIW6UPZETrpt6tgB9hQ/OslKZd"
    "HfIbVJqU2+EW3STabdTKGJEJcZ5ryruQh0ea71ZtiGSCWyUgXcleAtxylRHbFNUa9lVOkO"
    "vePSdqm87dJGFlanjbgiW+JOqr0CV2PWGSrJkEozoFxmADXcbJwvLMtHUsO4rNPz8yzlLc"
    "7Pk8tbsHuhwtz0pcqBsDu8huieZCoecpJSPOQkWjyEfqMTm6nz9/FwkKBdrUjCsW5YdcD/"
    "AR3bVVSwUsBlYLCZk8uBhCt/NIORamyCyzgFbJ+b2V//D3vdbgY="
)
