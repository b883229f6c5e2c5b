from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "patient_day_serial" (
    "day" DATE NOT NULL PRIMARY KEY,
    "serial" INT NOT NULL
) /* The last serial handed out on a day: the `N` of `YYMMDD-N`, counted in the database. */;
        CREATE TABLE IF NOT EXISTS "patient" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "uid" VARCHAR(16) NOT NULL UNIQUE /* YYMMDD-N: day of first registration, serial */,
    "full_name" VARCHAR(120) NOT NULL,
    "name_key" VARCHAR(120) NOT NULL /* Lower-case name for search */,
    "phone" VARCHAR(20) NOT NULL /* As validated: +91 98765 43210 */,
    "phone_digits" VARCHAR(15) NOT NULL /* Digits only, for search */,
    "email" VARCHAR(254) NOT NULL,
    "gender" VARCHAR(12) NOT NULL /* FEMALE: female\nMALE: male\nOTHER: other\nUNDISCLOSED: undisclosed */,
    "date_of_birth" DATE,
    "age_years" SMALLINT /* Age given at registration when the birth date is unknown */,
    "address" TEXT NOT NULL,
    "occupation" VARCHAR(100) NOT NULL,
    "emergency_contact_name" VARCHAR(120) NOT NULL,
    "emergency_contact_phone" VARCHAR(20) NOT NULL,
    "photo_file" VARCHAR(200) /* Encrypted file in the health uploads folder */,
    "registered_on" DATE NOT NULL /* Clinic date of the first registration (the UID date) */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "created_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL,
    "first_branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT
) /* A person the clinic has registered. */;
CREATE INDEX IF NOT EXISTS "idx_patient_name_ke_8eef6b" ON "patient" ("name_key");
CREATE INDEX IF NOT EXISTS "idx_patient_phone_efe37f" ON "patient" ("phone");
CREATE INDEX IF NOT EXISTS "idx_patient_phone_d_cbfb29" ON "patient" ("phone_digits");
CREATE INDEX IF NOT EXISTS "idx_patient_created_a0f3f0" ON "patient" ("created_at");
        CREATE TABLE IF NOT EXISTS "registration" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "chief_complaint" VARCHAR(20) NOT NULL /* NECK_PAIN: neck-pain\nBACK_PAIN: back-pain\nLOW_BACK_PAIN: low-back-pain\nRADIATING_PAIN: radiating-pain\nOTHER: other */,
    "complaint_details" TEXT /* The complaint in words (encrypted) */,
    "referral_source" VARCHAR(100) NOT NULL,
    "referring_doctor" VARCHAR(120) NOT NULL,
    "consultation_type" VARCHAR(20) NOT NULL /* IN_CLINIC: in-clinic\nHOME_VISIT: home-visit\nONLINE: online\nSPEECH_THERAPY: speech-therapy */,
    "visit_at" TIMESTAMP NOT NULL,
    "fee" VARCHAR(40) NOT NULL,
    "payment_method" VARCHAR(10) NOT NULL /* CASH: cash\nCARD: card\nUPI: upi\nCHEQUE: cheque\nOTHER: other */,
    "doctor_notes" TEXT,
    "prescription" TEXT,
    "follow_up_date" DATE,
    "status" VARCHAR(12) NOT NULL /* PENDING: pending\nCONSULTED: consulted\nCLOSED: closed */,
    "cancelled_at" TIMESTAMP,
    "cancellation_reason" VARCHAR(300) NOT NULL,
    "refund_status" VARCHAR(10) NOT NULL /* NONE: none\nPENDING: pending\nREFUNDED: refunded */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT,
    "created_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL,
    "patient_id" CHAR(36) NOT NULL REFERENCES "patient" ("id") ON DELETE RESTRICT
) /* One consultation a patient is registered for. */;
CREATE INDEX IF NOT EXISTS "idx_registratio_visit_a_65c904" ON "registration" ("visit_at");
        CREATE TABLE IF NOT EXISTS "outcome_record" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "instrument" VARCHAR(8) NOT NULL /* NPRS: nprs\nODI: odi\nNDI: ndi */,
    "recorded_on" DATE NOT NULL /* Clinic date of the visit */,
    "answers" TEXT NOT NULL /* JSON: the pain rating, or the ten section scores (null = blank) */,
    "score" VARCHAR(40) /* NPRS 0-10 or a percentage; null when too many sections were blank */,
    "created_at" TIMESTAMP NOT NULL,
    "patient_id" CHAR(36) NOT NULL REFERENCES "patient" ("id") ON DELETE RESTRICT,
    "recorded_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL
) /* One completed questionnaire (or pain rating) of one patient on one day. */;
        CREATE TABLE IF NOT EXISTS "treatment_plan" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "service" VARCHAR(20) NOT NULL /* PHYSIOTHERAPY: physiotherapy\nSPEECH_THERAPY: speech-therapy */,
    "plan_type" VARCHAR(10) NOT NULL /* DAILY: daily\nADVANCE: advance\nPACKAGE: package */,
    "cost_per_day" VARCHAR(40) /* Daily and advance */,
    "package_cost" VARCHAR(40) /* Package only */,
    "days" INT NOT NULL,
    "discount" VARCHAR(40) NOT NULL /* INR off the price */,
    "total" VARCHAR(40) NOT NULL /* Price minus discount */,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "time_slot" VARCHAR(40) NOT NULL /* For example 10:00-10:45 */,
    "status" VARCHAR(10) NOT NULL /* ACTIVE: active\nCOMPLETED: completed\nINACTIVE: inactive */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT,
    "clinician_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL,
    "created_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL,
    "discount_approved_by_id" INT REFERENCES "user_account" ("id") ON DELETE RESTRICT,
    "patient_id" CHAR(36) NOT NULL REFERENCES "patient" ("id") ON DELETE RESTRICT
) /* A course of treatment agreed with a patient, priced in INR. */;
        CREATE TABLE IF NOT EXISTS "plan_revision" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "changed_at" TIMESTAMP NOT NULL,
    "summary" VARCHAR(200) NOT NULL /* Created, Edited, Marked completed, ... */,
    "changes" TEXT NOT NULL /* JSON: field -> {before, after} */,
    "changed_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL,
    "plan_id" CHAR(36) NOT NULL REFERENCES "treatment_plan" ("id") ON DELETE CASCADE
) /* One change to a plan: who made it, when, and each changed field's before and after. */;
        CREATE TABLE IF NOT EXISTS "inquiry" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "kind" VARCHAR(8) NOT NULL /* QUICK: quick\nTEST: test\nONLINE: online */,
    "status" VARCHAR(10) NOT NULL /* PENDING: pending\nVISITED: visited\nCANCELLED: cancelled */,
    "full_name" VARCHAR(120) NOT NULL,
    "phone" VARCHAR(20) NOT NULL /* As validated: +91 98765 43210 */,
    "age_years" SMALLINT,
    "gender" VARCHAR(12) /* FEMALE: female\nMALE: male\nOTHER: other\nUNDISCLOSED: undisclosed */,
    "chief_complaint" TEXT /* Chief complaint, or the condition given online */,
    "referral_source" VARCHAR(120) NOT NULL,
    "communication_type" VARCHAR(10) NOT NULL /* CALL: call\nWALK_IN: walk-in\nWHATSAPP: whatsapp\nWEB: web\nOTHER: other */,
    "expected_visit_date" DATE /* Expected visit, or the preferred date online */,
    "test_name" VARCHAR(8) /* Test inquiries only */,
    "referred_by" VARCHAR(120) NOT NULL /* Test inquiries: referring doctor */,
    "consultation_type" VARCHAR(12) /* Online booking requests only */,
    "patient_uid" VARCHAR(16) /* Clinic UID once registered */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT,
    "created_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL /* None for online requests */
) /* One inquiry of any kind, for one branch. */;
CREATE INDEX IF NOT EXISTS "idx_inquiry_kind_e5f512" ON "inquiry" ("kind");
CREATE INDEX IF NOT EXISTS "idx_inquiry_status_063d9a" ON "inquiry" ("status");
CREATE INDEX IF NOT EXISTS "idx_inquiry_created_d0d0bc" ON "inquiry" ("created_at");
        CREATE TABLE IF NOT EXISTS "clinical_note" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "series_id" CHAR(36) NOT NULL,
    "discipline" VARCHAR(20) NOT NULL /* PHYSIOTHERAPY: physiotherapy\nSPEECH_THERAPY: speech-therapy */,
    "template_key" VARCHAR(40) NOT NULL,
    "subjective" TEXT,
    "objective" TEXT,
    "assessment" TEXT,
    "plan" TEXT,
    "status" VARCHAR(20) NOT NULL /* DRAFT: draft\nAWAITING_COSIGN: awaiting-cosign\nSIGNED: signed */,
    "signed_at" TIMESTAMP,
    "cosigned_at" TIMESTAMP,
    "version" SMALLINT NOT NULL,
    "previous_version_id" CHAR(36),
    "amendment_reason" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "author_id" INT NOT NULL REFERENCES "user_account" ("id") ON DELETE RESTRICT,
    "cosigned_by_id" INT REFERENCES "user_account" ("id") ON DELETE RESTRICT,
    "patient_id" CHAR(36) NOT NULL REFERENCES "patient" ("id") ON DELETE RESTRICT
) /* One version of a SOAP note; `series_id` is the id of its first version. */;
CREATE INDEX IF NOT EXISTS "idx_clinical_no_series__9d0fac" ON "clinical_note" ("series_id");
CREATE INDEX IF NOT EXISTS "idx_clinical_no_previou_7b8afd" ON "clinical_note" ("previous_version_id");
        CREATE TABLE IF NOT EXISTS "diagnosis" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "description" TEXT NOT NULL,
    "code" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "diagnosed_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL,
    "patient_id" CHAR(36) NOT NULL REFERENCES "patient" ("id") ON DELETE RESTRICT
) /* A diagnosis made for the patient, with an optional code (ICD-10). */;
        CREATE TABLE IF NOT EXISTS "diagnostic_test" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "kind" VARCHAR(8) NOT NULL /* EEG: EEG\nNCV: NCV\nEMG: EMG\nRNS: RNS\nBERA: BERA\nVEP: VEP\nOTHER: other */,
    "items" VARCHAR(200) NOT NULL /* Nerves, muscles or modalities tested */,
    "limb" VARCHAR(60) NOT NULL,
    "referred_by" VARCHAR(120) NOT NULL,
    "done_by" VARCHAR(120) NOT NULL,
    "status" VARCHAR(12) NOT NULL /* REQUESTED: requested\nSCHEDULED: scheduled\nDONE: done\nCANCELLED: cancelled */,
    "results" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "created_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL,
    "patient_id" CHAR(36) NOT NULL REFERENCES "patient" ("id") ON DELETE RESTRICT
) /* A neurodiagnostic test requested, done or cancelled for the patient. */;
        CREATE TABLE IF NOT EXISTS "attachment" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL /* REPORT: report\nIMAGING: imaging\nPRESCRIPTION: prescription\nOTHER: other */,
    "original_name" TEXT,
    "media_type" VARCHAR(40) NOT NULL,
    "size" INT NOT NULL,
    "stored_path" VARCHAR(200) NOT NULL /* Relative to the uploads folder */,
    "created_at" TIMESTAMP NOT NULL,
    "patient_id" CHAR(36) NOT NULL REFERENCES "patient" ("id") ON DELETE RESTRICT,
    "test_id" CHAR(36) REFERENCES "diagnostic_test" ("id") ON DELETE RESTRICT,
    "uploaded_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL
) /* An uploaded PDF or image, stored encrypted in the health uploads folder. */;
        CREATE TABLE IF NOT EXISTS "medical_history" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "conditions" TEXT,
    "surgeries" TEXT,
    "medications" TEXT,
    "allergies" TEXT,
    "red_flags" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "updated_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL,
    "patient_id" CHAR(36) NOT NULL UNIQUE REFERENCES "patient" ("id") ON DELETE CASCADE
) /* What the patient reports about their health, one record per patient. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "inquiry";
        DROP TABLE IF EXISTS "diagnosis";
        DROP TABLE IF EXISTS "outcome_record";
        DROP TABLE IF EXISTS "patient_day_serial";
        DROP TABLE IF EXISTS "patient";
        DROP TABLE IF EXISTS "registration";
        DROP TABLE IF EXISTS "treatment_plan";
        DROP TABLE IF EXISTS "diagnostic_test";
        DROP TABLE IF EXISTS "clinical_note";
        DROP TABLE IF EXISTS "plan_revision";
        DROP TABLE IF EXISTS "medical_history";
        DROP TABLE IF EXISTS "attachment";"""


MODELS_STATE = (
    "eJztXW134ra2/itafLnTdcisJJNkpvTesxYBZkInAQqkc3qau1zFFqDG2K5tknJ6+9+vJN"
    "vgd2ywiezoS2awtYV5try13/VXY6krSLXeX5tQkxeNFvirocElIv8J3WmCBjSM7XV6wYaP"
    "Khv6uB3zaNkmlG1ydQZVC5FLCrJkExs21jU6dqgh4IwH+gzYCwRkFWtYboIXbC/AywLaAN"
    "sWUJFtI3OBoGIBqCngEauqBQwTa/Z7+k2KLpOvwtq8yElXGv5jhSRbnyMyiUmm/vV/yWWs"
    "KehPZHkfjSdphpGqBODCCp2AXZfstcGu9TX7MxtIn/dRknV1tdS2g421vdC1zWjyEPTqHG"
    "nIhDai09vmikKorVTVxdpD1XnS7RDnEX00CprBlUoZQamdB9hea0jSYDiVJr2pJDUiTPIo"
    "fBC7l2Rdowwmj2qxXz+nj3Byfnbx8eLTh6uLT2QIe8zNlY9/O1+9BcYhZPAMpo2/2X1oQ2"
    "cEw3gLKvs3AmtnAc14XL3xIWTJI4eR9XA8NrQN530C9EmBtdBfNGDrwLLhbBZe1QmQL+Gf"
    "koq0uU1f10+nKfj+3B53btrjd59Ov6Nz6+TFdN7XgXvnnN2iLNhC7rw4Ul7kQ2TFMMC7sO"
    "XAVqgcwIIOe1aHBezdRwrQNUCwXy0RhXkPRpydZ+EEGZXICnYvyAuoKCayrCgfpujPBMni"
    "IzkeDxqNkuRLCqTT3r+mdOalZf2h+pF8d9f+FwN5uXbv3A4HX7zhPuQ7t8PrEOAGASzXst"
    "8Q1ADs4ILOtJ5TlnN0NTOsJKjauQH2iATIO0FGS4jVPABvCOoH7uVFFnQvL5LhpfeC+M4t"
    "G2t58N0Q1A7fs8ssO95l8oZ3GQZX1ec6mU3NJYIDRHuB7Kp1Zasdn8kzOkoH1piNsjJUnV"
    "oi9BdYYKarCjK50T2wJRE7Dj/H8OJa11UEtQTTxk8XYscjISxr0Xu6+XG1kOvh8DaghVz3"
    "w2rG/d11j6DPsCeDsO2Yhq7t41O8TUQhkWDM/tgld2y8RAm6d4AyhLnikr73/sOPIp5d7p"
    "AfqAw1de3yOU0t7N/1JtP23SjAlW572qN3zgN6oXf13VXoxdhMAr71pzeAfgT/Hg56DF7d"
    "sucm+8btuOm/G/SZ4MrWJU1/kYgWvl2S3lUPtQDXV4ayJ9eDlILrvHDdw8jHdvb01HM0e/"
    "K5OeiFRyg/vUBTkQJ3fMvDQmaM/Xftkn3+OkYqZMBG14DrwLu3EEfGd16hu726XQU+k4L8"
    "ds9i3x+hkTNLXUEy0RzT23TyA5Ea+6aqK1w23U2pH0gyVHgoYFNvshGZq66IYe2PFTYxOh"
    "CrPptmXSeUqIjXz/UkoR+9tTxfhq9ADc7ZT6LfTb/Jhau3JObDGqGRqTPrJyZ2Ex7STAvi"
    "IHewZPhG7wznfKOhlW3ABTwhZFgAPuorG0CwRMtHZNKYDPNwA0jDLsD7pmgc5+DZRACHrw"
    "DO7/qjZGM7n0UfIKqd26T4kI3wWpfoUBUxmGRAS4nBUItV0mfSIzbtRbxRHA97hDDNJubG"
    "LVgEH6hJG0Lxd51soNpc8n5rVhDDdG8ZQ+GbSZa69fLNBLhuIVPKpQz6KHZrhK+VeHJUlT"
    "CHrytqIgVZEeXDUENTnfxhzOiTZ4eaHCerDvR/vSoTkixKctmELxvrxb/0yC8nvxc54YVO"
    "e9Jpd4lAK87eHCNZf0bmukM+NmKMzcD9Zpqlabojyc9TMpqZbUA01hMqLAElIjYiMRRNZK"
    "hQRhazGMkrvUCajWVo6yYgX04oZPQDMRV1EylgAa0FUqIWZ5ETC+OTL+OTMlSi/MljGwWI"
    "eE5j29NCusqSFHGVnBNxFUmJIDJoLx3JKlJBqo6iybk+FA1RisB03dTgTIHp11eDX5u5ZS"
    "jCu5Tbz0SpwHPtK1qXrN7yISALVnB3WBYFKsO6ika6iuV1rCq8vZuuCJNxkrEduFMNniB5"
    "ZWJ7DSxk2wReFgCByhJr9IoFDGQCOil4Z7/oJzMyF1FZLbKeTsgIE9H4Gs11N4Gm299Fle"
    "Hipz9AJaZfFK+49bTVMvJ2BESRR8txHcjkftQbt7t3/UELWCuCLMP5QXMvuZ+6w850OG7R"
    "2gSC9YP249i78rvpXRv3Or3RtD8kVMSyQoYXZc2dRniVJYswvCX5kgivvtuhkJNVIzmrRv"
    "JWS0zIOC27MGGGI+YZbq5UNtFQuDXrps8VkHJW5mbJVJSYbdJTXZI3SLb7Q1nWV44GmcVR"
    "FM4SeFnobI+yANbi/D87xwu3Dl9uHboo8pYn+mn4VQr2dOlcZAl6XyQHvS8iQe8Z+dbcJa"
    "ABohp6zs5OM5VZnKaUWZxGkOZHyy2p6qW+eq6olXk1FdaAlvWiE70kr3c/Qsjzu7NvDtRl"
    "lsI8Miql7jFSmrcBTl5Abb6X9ZAwRQ3NiOqaDVE/8HJl2S7HJI+DOcVc0hTCas8h8mYQq+"
    "SdUfU51qSNQZTRtIgnPp6X/pRrU8MHMjbJUg2glV/OJU4iwpw8CzoVHs76pDkE57nmvC4/"
    "EYYRqRjXOmMHx0O0gtNcc5q+nwe93OKtrgqvbd02JAvJJorhdHLxRoiM54YiPU021wbtXs"
    "a6HELwhNZgZupLlrdI/adAwSai3pN1NkfJsWs9GNhIo7DljgSGSIUxkcOYYOAxeWbZyIhB"
    "Hs8TbYko7V52xJHekVvyoADK1F1I3pPpcDoCLNmXPjt4p+lOru/6u4yORMfe+P78/MOHj+"
    "enH64+XV58/Hj56XRjeERvpVkg1/0vlDkBJka5pUDzSVq6udI5XpEA3X7vx5G4NNA1RBsg"
    "qfqLk3StoGfserw5eWVEFmTyW1HNqLloz/MWuZ6lBMxpJZ0v+zVAI/Jfd+e/bpuGH5gBu+"
    "1QXjGAs+bABpZWIAt2TFb6uN+ZpqXB+hsB+equDu4EFKz2qgn0ATFgIcs6vGcSzXKaODPV"
    "FSivDZfkqjqHAZa9HRef3pMc3biKASxnV64qoqavbFlfIomKMFM58I0cOpON2Vw1BYz2Li"
    "NoPeMCJBjtXTZ2p6opXK/a9K2KgDGYihFfbwEuBVss7G5J0DBMojkJzHZitmkrWMwyy95e"
    "8LhOLxPomorJf2lBC7KyHj+SCUJo21BeLA9vkdreTMQNfsUuNqfhIFQlTbcPtY067lwDPV"
    "OPpEqq/AwmMoZWShz6ZubEq4rLS8FwrunWoSur60yDrXrDZGNZsj1ReDBaZLYpmaymkC0w"
    "bURDd0nX43wYZndIoa/iDZuVn83ycMxyFbj59NxtM9x4UL1uVLuhjenGWyNsc9YDeh6xhL"
    "JAn8NsR3Wg5RuZoTrQ2a9ovfqjqb+QCd4DGsNgQcfJTfvk/PKKlgLSwyJNqCk0l0J/QhrA"
    "ltvwKa6EsJhJRZ0hX3WGjEe5K0yCVLWrNSy+fZQIrO8SuBUMqSakXloI7Z156aMVrOaa1e"
    "hPA5Pp9mB0kLI6bG60Hy3yI2wEkKbQrV7Fs8OzlyrHeBM96097ifIgpUisrgKXye5r6bnO"
    "woxScpxevaeCVHwzBhyToJuMMY5LyS2xrPlIBztcZKlpvkguab6IVDQ7vWXmKK6QMr2RyJ"
    "aqdjCXUjsuWkmKVpIcpNFx2kqyvVKw3XtG7LkjzjDf3WaaLwzScRLaDMxwcJcOFKyAlwW0"
    "m8DWyX+wvABOgk3TKSN6WSCTkEKi0y70F4Bt8ELmjzu266C5dju+fm3osrwyTUdDJDd/9X"
    "PTQn841wKJkpurtMWKo21sLrkJa+GRtM27vXZeC3Ld/Rga5KYiba4lOuXo3chLmVZZ4xLU"
    "5wyJo9TJJDvw/Gsmpz0SIq2OJfomLZLjKxi8mSAF98Hgo8UeR3px8W7v5MZvCbbz0Zu9HQ"
    "na4tuxvU75Ts1FghtnzYdqkEjAGlNWqjqKaC4fT4CodgKhlBNqhKsnDPOHTO1MP6S0M/0Q"
    "bWe6tbWyorylqGErxg/nWSA+T0b4PAxwyETNinKIrHaLuXive8D4zwlz7HZXfZCLF8xBP0"
    "xWlINU9QshFY+zz2eVFWQfSQ0F86cMCH9KPoI9ksPEmpvmOiTcR8KvoGj8OKHtttlvAif/"
    "BI9oppuIOXHhzEbmD2CBoGovnBEWoHgotJ6F035TCrJhXI+/5NdgS8Evl/Z8By4zKYCXKQ"
    "rgZVQBNEz0LC2hnEue+2hqKGuKF+c58RXQpkMbiay+TiDQ63sQEwX0tURIDgEavkEZMuEN"
    "ZFq6xnLUneI3epQxcNoToIRE90w0Beex39/3uzkS2VcrrLynNOUEzRr/PVtpzGQF7Jvon4"
    "t/liWwU1a3Yzo6blF/PIX99B0H6ORTt1dFmjOlnKX3yy93d93uCdFUFLim6ZesBTfwt9po"
    "AguZGKrZ9JKyPdTifJ04mM8zna9znnK+znlEH6H/Sk9onQdoP01ZOBex7G/1F2SeyNBCTP"
    "FmteQWgqbTDIsL+A0CXq5FviHgGfi2BZ6hilm5ZQv84/sz8P2nj1eX4OLD+dnpPthngj4F"
    "+QTgJQXPcVwV7Q78fXQ8s6HLnpKZm81DF3+WtMez5KzHs0jSI1rmtDQ3BLUzNM8vs6jpZF"
    "RKUmnEBiJ4KHFZj9mOTttS87yRNj737tq3PTIZWRwqetCcT87/h9Ob3rgFdKpjP2j3g25/"
    "0rkdTnrdFlhptN+MqltONXj+nSDTRpCyD4SZRSWlpM+kR2zaMdWUNBcrwf0SJkzLxKqe3z"
    "cFZ5pYFQ6uzZG0JiIuRqBPyJpQE8PwAUKOo/CN9hyBOX5GGoBB9Z2mjzp2J1sJtLk9ouXT"
    "K+1J01+yHgPoxO4/nH+82oTt6Ye0iP2EvHK30bA9VBRib+Vy+PpIaiDhj+25pQmZBswbXA"
    "5S1QD2I5xIipbIJJjItE2sZkPZzm2oJs9QPw6UYTRF8cttRqVMUTselGI82dSRmy9DM0jF"
    "cVjad3AMfVqAnZ3VDeWtDFWHikWPY3BV5PwMycaRNJZED0reOJmluD0gWYWMEB6oQh5L93"
    "e6ojmajj5jHIq6NcE7ev2+32XjMp5ikk/rrFZ/jqNWuVTzBARx7sVb5HpMIU20Cab7wj7G"
    "570l2pcROo5tzFfL9HaOhd2nNiGGUlRF766K9sMWRVscM9IM1UfHLLOEw0biZUYBGGesQO"
    "dMUmQFOCImA/CSpwCD+9vbrGe5+I6RiCJf4vERVVnecQmwr3N+RCURe9UTESqJ2Os0W68k"
    "VKLbOvftw6uM02v1D68MZrnSWH3ZqE5zcGmx7Q4ej272pti17jeeP/m3C9cTJ08xOQt4O6"
    "aZIR1YUuBa2uY+7s4Mni4QoA1X3YRJsIAEWQUQDQroGoA0xbLFvJG/DX6jjsnfvOzL35qA"
    "nXFDBrseZZqB+ggtFE0lLutLDsg9Jl+Zx63sDi/amfyqbXuyOIaT04q3iyyjX2NLcDx3xm"
    "lJ0JXiy3idOoSAPRgjhsL2YrIIMsMjdwofsmcAiizhjRPfgMCVYzTbYxvKoel+UamSm1qU"
    "KhxDdhxQqiAvMJoRHJfECMVJ7Rt2p/vFTMN13t+g1/kqjdr9AaFG8tOJQZ76Qbtub67SN9"
    "29ejv8JvnuqPrLie/uuN3tt6f9wRf3tgmJjmwTRrr3/VmE+8V6iw6+b7gkObWX+apq44h5"
    "DsVTRWjz0FSleaH+KfAOeSH6w2O6peRjmWiGTJPYApa+MuV8nayipLXLSSklM8sBjjyERB"
    "6HmEv5QQ/S1g/1MrKx/ApFSt+VDJtQ3ERcb0P9gdS57Q/6nRaRTCeO0+5Buxne9aSf+5P+"
    "tAUW+hKd0JOBbbKVDMjYXss9zvJBm4x6vc6NRDeY9uiXFrAMhOTFCd1poJGxQUDZmw179D"
    "2yHPx09UtsqW5KQzSTZYZiXtgukvESqgnhdhT3ZioOyXuXlJ+3tBDrvtfp37VvyabTdMo6"
    "CAexE5b0N08KN+9Zs/jQkthOekJF8W6pGJ2Fa5HYaU9uWkCG1uJB67THXfp/U3nQ7kf9Fl"
    "gZmFy96f10T8SgvKDn+R6uYZ9l0yRSFIlINQ7TAJJiL8nKdZiOY72a2zoGw/Q9Zw7sw3QC"
    "+/zYz3SVWMfSypA872xWZ2+U8i3XoRFJbq8Sqop3C/wt9RHtDwNpCgUgp7Qf9Qbd/uBLC7"
    "j0RLoPB5P72ymtsnT1eUSkv1d4yVPNpUzRV9X9MrdDtOJALp5VXJdbjmGZ/1SuBPLaeQdK"
    "aXhrotlKU6TDRGJkkiNir7llYbnc00Nq51PKBy0qIse9z/eDLhWHzu/aUyAWrvZWq5BF1D"
    "Tslo6ikuUtcj1LJcvrHAHBHYOLPqxA1AeVB25aL+zkxILUXtgHJRjwq6DvyCdIKQnytcg8"
    "sFLF15GzmsDurFYJrqwMlUCi0iortKLGiuMaqzJT64KVQzG5dZHSouTkumBJExubMb1uaV"
    "A8FEAYa9E7GsQmAu90E9CcIGCy/KDvaNotsfA2GXS6xj4qcJ2UeFfIvCIlj4MttAmSU/Iw"
    "/Y7VMvEwpd3ujuAMXIf7BqPxhBAapvWgDbv9FtAV/KAN6P80Be/j1yj45Ann7d+jKUqArL"
    "otUVgiRjY+5Gy2p1kvKK7VXkqHty0J14vaOdSDoueTy01A5DS9ZiMNWMgRUhZZJcgC7+iX"
    "gP8BjyrUnjhNSGSPGvMKpGV6bGgOzvU4UrYoFUfg9OTslDIL0nb8MpGiRNf4gc3mdknUdU"
    "A0kLXHRQuQVYkc5h3+priZIpfNs8yJIsLxmrw3VNMFl8XxKvwZhSljMdt9XhdclFD44HZ2"
    "kBHuohLdRb4VKbwaO8CNvr1cuTVoV48xoqp4fMVg4H4ztWiZjJRM/9BsPg12mB7RfKhSRK"
    "ZoEU2IKkEKAthuMrWoyU6tQ1BeuKMV59C6/7Iip9ol+DeK/w7h6+Bie00rP2Rc3EdzDVDW"
    "UHOtiKaaKYHKWi2XMK6fRXLSlI+E30SpRsexn5qgp2D27x00n4hU2vhqm+D9+4i4y1aKU0"
    "KP37dyjOpfzm7QdLaCv/l0qHgSLHewP0wnDI2YYD/Vc3JaxlsSYRbvsNvcLnMH2hR17VoX"
    "ti58KytgVnTak06722skiAVhte2KRYclIVdGW3B1x1htkeWfbLYFm0Vms9vatJGTaTmRHI"
    "8eQPKWEwXlBduLbfeWJjBMLDstn/qDcdzJtAfNJewwDuR5M8UOI2LiGSd1mchQcrQl5zow"
    "N7r5ZdIfbgrmjcXawrpbL1+Nenq2lRzSJCEwAdfM6rb7t7/QE4exSpjT7v7cHnR6LQCVZ/"
    "rDHrRRu/O1/YVcMYi4JiJ4HwaVUARBXjzJQKYU3+4uLVoaJq1K0LRLOeR43hzeFBYEPTvP"
    "VS7PloFEYcyJfJi0KsiPnOdmJ7S+Duhkqca4ExJtV2+4yP6PsVnpmaK09WbOxesne52eGj"
    "l7PpKfPiaKpJNfxJTF11m7tm7HtdNMBXtDU5XuJY0RBRgssbaygH+pHB9vopGYdu7WAEGq"
    "aiTSFaHNx6TMIU3JDZ+f5k2DR3+pZKl6QlZtwuvuJ+LY//1ZNwH6E9KgA9FpW6c0ha11cb"
    "mPSnyRRSW+SFaJY9/7qrWzgMSef85dtt3uTPs/UxOFUdNeFnej257by8INCD1o/YE3Dmu+"
    "73l9y0VkEb7BLEJRvl03rsdE5EX59lEMOKeBJ06IPCYHdENkIp4rKuNfxfEgQcMw9ec9YE"
    "6ZQQAuWhGIVgR8B9JFKwJuWhHESdICcK53IkjK9pOl+4OnfwmcdyXchDTVhHwb0VqDg+OL"
    "nRKPA09oDBeW1ERI5zufMWfeV1/7Y4XNdSMm48u71UzL9cK+QZmKc1wCmptFq5KfCNhNeg"
    "IXa/vh7D/xFTdZCUX6FgeqbhMkp29Rzu3rX/doy/KuF3CuRuOn+37nawuQ1So/PWhTsouT"
    "eZEVORNlH0d6wf1CeA92RNd/Ya272ZE1NNjBeoawtt00Zev2lgVAvI7XfAQ7ZuRbJfYhll"
    "Px4ilAxHPuXHbHRvnHOxkLtwFyVpQ3BDwj3Ghb4BmqmIVAWuAf35+B7z99vLoEFx/Oz073"
    "WePF54rSjLY1gnE9diZLqKqJ3rwAYY38dx/OP15tXHf0Q5rXbnLXvr2Nuu7ID1dQwslwu+"
    "X7lprj80Uan3vkt5NNdYbIMkEPmvPJ+b//tJ0H7Z7sARPvcIaVRu1wnk5o2HW4aVrZYzEH"
    "mh6JYx36uNtzLje9pgjgCma67Rw/Iy2XmnTsekhx4uVrnL24XJIfKxdx+GLcTEfkgkx2tL"
    "w6bIeIeKqaquqD9q19+1WiJ/i+QPXphB7d++2mPZ20RyPaiALaFrHYybXeNfmIHnk8dgz9"
    "aSCZOpCcwxNzZwrGk1fiIKZGz314x/bYyD/DkQzkutPTsBjxF5ddSKzRFHti9/sTmIDnrW"
    "ZKHtT1HGFk5Sg9KLlNp8PnWD/zro1jQ8bvphGCnR394pw3DLbnDXOypXB3nO+R3owhky7g"
    "UdefKF9MxPo07/+KFK8Qe3HeVZxbNsUiD5LxzAO3g+19v0tglxFhwhxbNjL3NEmusnAgnM"
    "fn48BVtZNsj3kmckWzLUWO7VvkusixFYmgJe5iAxqAdQKxTKXwVImMe1i5TVtF7ldZuV/1"
    "zZU5cEUfL4OmzMSQtm1DecGO5YjJDfHdbaalh8DguN1tgDSwMlQdKkgBo+5n6hnBS/KATW"
    "ARs5FcRJpsrg3b6dhDnSYLBFV74VJZhGuqEteztciJRYZJ0cLpDWWYxHhXTGTopp3XxzLu"
    "jYbjKfWtUOoHrX/X/sJSHOi6ZikOIyK4O+P+aNqn/SYNc0tfgEO4cGNTNzF5bJiU6JAc/Y"
    "oQcmzyF/FilBLPWiIFwxQPWDz0QSqeUyD2jGOVUF+O/xMDcaIl4A0X5lWMeeVs3ZIB7RgN"
    "P6Vbc5CM52XbcLKen1mneaqVBNWRfSR3Ob2aK+UpFE6jYlyFojKwhEN9WGw1H6I+kgPgrI"
    "4GlANNz+jL7YKLEnLsgzvqDizKWF+njJW+5QUg28VwrpGXBstTd8JqLeGs+PqEYgZwfa97"
    "3dyZhSMbFY1ceS6dqDpUBzp7nojvMnC/mea9lN2RRAFyh2YqcXtGJi1BZJVqYDJsjwCl/w"
    "H8RlYFRhbB7DeALabOY4WOwjZR6LFp2R5pfAVcQfMK9yUXOkpqf3OHnXnADhCVq1QfM9Gi"
    "GC2Qpvpjw0un3MctHJyBa5dB9fvG24iWBthIekK5EiTDdPxmSPLjjlw9/o42fR2zutyDVM"
    "Lfnt/fru8Duy5QPwx1aFnIspaxJmoy7EEqgXt+3OOP4EpG3BsvsM6PNe81/TGbp2LCWe74"
    "d3fc/jxtAUb7oLW/tfvT/uCL1BlO+l8GLQBfILYJX05k3SK2O1F8yGVa+Ek/7ZdgXbyi4z"
    "zLHlGTAGEBQZMKvTMcxUhiEmujQRJn/e0XG9MFnyvDZ9fFEuVxevsCH9nxYvxnJfGzwNYF"
    "Bm0Kpq8syQUob5AxnrzU8Fj1/CLkH01hJzWaCFpxizdFK46hFfraHicri9SJN5g6Iaqs6s"
    "b1LFVW5N5CN/MlIgRoRBpgXJWVpybnLrOKEIocD9H/vTTNSyTOvE7ijCNBC8A2Y1pHVYEN"
    "7DRZKgC34vN44HImbDMX+0W2mgSAXydnxk0Kw44sCyXMbG8207JllMCw3aV+YEMAllBxCi"
    "5ZGyTn/W6CF2wvANSAzmigCmTypeBdv9M9OTv9LqbGr4gZRXYMBztlEyRnx/gfJgJ3srsi"
    "RMZzBge/rgrytuTB3Bsv3ELCLSQcBFncQu4GttehZhFKYcwKY1YYs3zbBbmNWf97LqyunU"
    "dtRYQiV6UKoVqcZNvLV62z0wAjYyWvViiLGaahlalvadlZJV7LG6Q0gUK74RBLanMoRtiu"
    "irPEiplUGGMcSPpmijFWrU4reyTT93pfWoD8edAGnZ9bgPx50Hp39NoduTYeTFqA/HnQrn"
    "vjdgvQvw/az71RC5A/h3dZKbjvMLbRMiEzMOG18Aj4zaRvDJD5jKwmWK4sgoBFhQqRjVDF"
    "Nu34bDN5sw/2pfRJUPHyMQ8DvPH84r9nJcNVFnCvkrG9ikBb96baewJdSttsunvnxNlHIj"
    "DOgnEF87g3+l1eGT7u/XRPrB2anr2Z40GbdG563Xt2IJslL5CyUunV7pAeoUeXU4FHthXe"
    "vJyoUOSXx7Av2VvqIxEOU+EwFQ5TkUf3FrmeJY/uLfTVFi5yPuAVLvJygS3eRV7fzuTFpy"
    "Ud3IPcl2a36fUdo/Zeu8SfvzodLWOzMGKbi9cD+L/LDCPcIYW2KbrBtLPpuhETRgiNaKaF"
    "EZbOWGnhG7wzjPBtAW2/+95tS20B+Kiv2B1sui3Vm0BnPfVl3VSAgczkMEJRk4owAge7YT"
    "MljLA5+TWXwRykEjbzHr0CVuac9Y3KA3uASKC+X6915+jZXLiHyATye/R/UVVkznOu9wCR"
    "QH2fs7KJzqjCeU5vqI9IoC78ocIzJvyhb5HrWfyhHu/yNzlXhD+0av7Q3SZh1byh22UoHH"
    "Y7e28rBzrsoo6oDG7poYamOvlTvlOah9V9iEu605502t1eiAOHHcVIrG150Yhx67l3mqlH"
    "MG7H7PLiJeNUsActcUPKugu5TOF2IRWzByU7zBKbjSUnYCU3GuMq43bPFKzzy8ss2ZqXl8"
    "nZmvReyF1AXqocCLvDa4juWaZc2LOUXNizmDPDdM2O3Wx+nAwHiR5fjyRsoGDZBv8HVJzp"
    "SBPe0E4Bl4KR7hsIuwFC6hed4DpO/zpmycvf/w+c8nZn"
)
