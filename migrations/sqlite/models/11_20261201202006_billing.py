from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "day_closing" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "day" DATE NOT NULL,
    "cash_expected" VARCHAR(40) NOT NULL,
    "cash_counted" VARCHAR(40) NOT NULL,
    "collected" VARCHAR(40) NOT NULL /* All modes, net of refunds */,
    "note" VARCHAR(300) NOT NULL,
    "closed_at" TIMESTAMP NOT NULL,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT,
    "closed_by_id" INT NOT NULL REFERENCES "user_account" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_day_closing_branch__057a01" UNIQUE ("branch_id", "day")
) /* A branch's collections for a day, counted and closed by a named person; a closed day never changes. */;
        CREATE TABLE IF NOT EXISTS "document_serial" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "series" VARCHAR(12) NOT NULL,
    "financial_year" VARCHAR(5) NOT NULL,
    "serial" INT NOT NULL,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_document_se_branch__417af2" UNIQUE ("branch_id", "series", "financial_year")
) /* The last number taken in one series (invoice, credit note, receipt, refund) of a branch and year. */;
        CREATE TABLE IF NOT EXISTS "invoice" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "kind" VARCHAR(12) NOT NULL /* INVOICE: invoice\nCREDIT_NOTE: credit-note */,
    "status" VARCHAR(12) NOT NULL /* DRAFT: draft\nISSUED: issued\nPARTLY_PAID: partly-paid\nPAID: paid\nCANCELLED: cancelled */,
    "number" VARCHAR(16) UNIQUE /* Assigned at issue: AND/26-27/00123 */,
    "financial_year" VARCHAR(5) /* 26-27: April 2026 to March 2027 */,
    "serial" INT /* Place in the branch's series for the financial year */,
    "issued_on" DATE /* The clinic's date of issue */,
    "issued_at" TIMESTAMP,
    "credit_of_id" CHAR(36),
    "reason" VARCHAR(300) NOT NULL /* A credit note: why */,
    "interstate" INT NOT NULL /* Tax as IGST instead of CGST and SGST */,
    "invoice_discount" VARCHAR(40) NOT NULL /* INR off the whole invoice, shared over its lines */,
    "gross" VARCHAR(40) NOT NULL /* Sum of quantity x price */,
    "discount" VARCHAR(40) NOT NULL /* Line and invoice discounts */,
    "taxable_value" VARCHAR(40) NOT NULL,
    "cgst" VARCHAR(40) NOT NULL,
    "sgst" VARCHAR(40) NOT NULL,
    "igst" VARCHAR(40) NOT NULL,
    "total" VARCHAR(40) NOT NULL,
    "paid" VARCHAR(40) NOT NULL /* Payments allocated to it */,
    "credited" VARCHAR(40) NOT NULL /* Credit notes against it */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT,
    "created_by_id" INT REFERENCES "user_account" ("id") ON DELETE SET NULL,
    "discount_approved_by_id" INT REFERENCES "user_account" ("id") ON DELETE RESTRICT,
    "issued_by_id" INT REFERENCES "user_account" ("id") ON DELETE RESTRICT,
    "patient_id" CHAR(36) NOT NULL REFERENCES "patient" ("id") ON DELETE RESTRICT,
    "plan_id" CHAR(36) REFERENCES "treatment_plan" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_invoice_branch__3dca4d" UNIQUE ("branch_id", "kind", "financial_year", "serial")
) /* An invoice (bill of supply, tax invoice, or both in one) or a credit note against one. */;
CREATE INDEX IF NOT EXISTS "idx_invoice_patient_64873a" ON "invoice" ("patient_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_invoice_branch__8c5e81" ON "invoice" ("branch_id", "issued_on");
CREATE INDEX IF NOT EXISTS "idx_invoice_branch__e84928" ON "invoice" ("branch_id", "status", "issued_on");
        CREATE TABLE IF NOT EXISTS "payment" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "kind" VARCHAR(8) NOT NULL /* RECEIPT: receipt\nREFUND: refund */,
    "number" VARCHAR(16) NOT NULL UNIQUE /* Receipt or refund voucher number */,
    "amount" VARCHAR(40) NOT NULL /* Positive, in or out as its kind says */,
    "allocated" VARCHAR(40) NOT NULL /* A receipt: the part applied to invoices; the rest is credit */,
    "mode" VARCHAR(14) NOT NULL /* CASH: cash\nCARD: card\nUPI: upi\nCHEQUE: cheque\nBANK_TRANSFER: bank-transfer\nOTHER: other */,
    "reference" VARCHAR(60) NOT NULL /* UPI reference, cheque or card slip number */,
    "day" DATE NOT NULL /* The clinic's day whose collections it counts in */,
    "received_at" TIMESTAMP NOT NULL,
    "reason" VARCHAR(300) NOT NULL /* A refund: why */,
    "migrated_from" VARCHAR(60) /* The consultation fee it was made from */,
    "approved_by_id" INT REFERENCES "user_account" ("id") ON DELETE RESTRICT,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT,
    "patient_id" CHAR(36) NOT NULL REFERENCES "patient" ("id") ON DELETE RESTRICT,
    "received_by_id" INT REFERENCES "user_account" ("id") ON DELETE RESTRICT
) /* Money received from a patient (a receipt) or paid back (a refund), at the desk of a branch. */;
CREATE INDEX IF NOT EXISTS "idx_payment_patient_71c9bd" ON "payment" ("patient_id", "received_at");
CREATE INDEX IF NOT EXISTS "idx_payment_branch__d18ccb" ON "payment" ("branch_id", "day");
        CREATE TABLE IF NOT EXISTS "payment_allocation" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "invoice_id" CHAR(36) NOT NULL REFERENCES "invoice" ("id") ON DELETE RESTRICT,
    "payment_id" CHAR(36) NOT NULL REFERENCES "payment" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_payment_all_payment_c62449" UNIQUE ("payment_id", "invoice_id")
) /* The part of a payment that pays one invoice. */;
        CREATE TABLE IF NOT EXISTS "price_item" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(40) NOT NULL /* Stable key: consultation-in-clinic, physio-daily, test-eeg */,
    "name" VARCHAR(120) NOT NULL /* As printed on the bill */,
    "kind" VARCHAR(12) NOT NULL /* CONSULTATION: consultation\nSESSION: session\nPACKAGE: package\nTEST: test\nPRODUCT: product\nOTHER: other */,
    "service" VARCHAR(20) /* PHYSIOTHERAPY: physiotherapy\nSPEECH_THERAPY: speech-therapy */,
    "sac" VARCHAR(8) NOT NULL /* SAC (services) or HSN (goods) code */,
    "tax_rate" VARCHAR(40) NOT NULL /* GST percent; 0 = exempt */,
    "price" VARCHAR(40) NOT NULL,
    "sessions" SMALLINT /* A package: how many sessions it holds */,
    "is_active" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "branch_id" INT NOT NULL REFERENCES "branch" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_price_item_branch__ad1f3d" UNIQUE ("branch_id", "code")
) /* One thing the branch charges for, at its price, with its SAC/HSN code and GST rate. */;
        CREATE TABLE IF NOT EXISTS "invoice_line" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" SMALLINT NOT NULL,
    "description" VARCHAR(200) NOT NULL,
    "sac" VARCHAR(8) NOT NULL,
    "quantity" VARCHAR(40) NOT NULL,
    "unit_price" VARCHAR(40) NOT NULL,
    "line_discount" VARCHAR(40) NOT NULL /* INR off this line */,
    "tax_rate" VARCHAR(40) NOT NULL,
    "shared_discount" VARCHAR(40) NOT NULL,
    "taxable_value" VARCHAR(40) NOT NULL,
    "tax" VARCHAR(40) NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "appointment_id" CHAR(36) REFERENCES "appointment" ("id") ON DELETE RESTRICT /* An attended session billed */,
    "diagnostic_test_id" CHAR(36) REFERENCES "diagnostic_test" ("id") ON DELETE RESTRICT /* A test billed */,
    "invoice_id" CHAR(36) NOT NULL REFERENCES "invoice" ("id") ON DELETE CASCADE,
    "price_item_id" INT REFERENCES "price_item" ("id") ON DELETE SET NULL,
    "registration_id" CHAR(36) REFERENCES "registration" ("id") ON DELETE RESTRICT /* A consultation billed */,
    CONSTRAINT "uid_invoice_lin_invoice_284bd5" UNIQUE ("invoice_id", "position")
) /* One line of an invoice; its amounts are fixed when the invoice is issued. */;
        ALTER TABLE "branch" ADD "document_code" VARCHAR(3) /* Letters that start invoice numbers: AND */;
        ALTER TABLE "branch" ADD "upi_id" VARCHAR(60) NOT NULL DEFAULT '' /* UPI id (name@bank) printed as a QR code on bills */;
        CREATE UNIQUE INDEX "uid_branch_documen_6d9b6f" ON "branch" ("document_code");
        -- Written by hand: the database refuses to change an issued invoice, its lines, a payment, or a
        -- closed day's takings (see app/issued_records.py).
CREATE TRIGGER IF NOT EXISTS invoice_issued_fixed BEFORE UPDATE ON invoice
WHEN OLD.status <> 'draft' AND (NEW.status = 'draft' OR NEW.number IS NOT OLD.number OR NEW.kind IS NOT OLD.kind OR NEW.patient_id IS NOT OLD.patient_id OR NEW.branch_id IS NOT OLD.branch_id OR NEW.issued_on IS NOT OLD.issued_on OR NEW.financial_year IS NOT OLD.financial_year OR NEW.serial IS NOT OLD.serial OR NEW.credit_of_id IS NOT OLD.credit_of_id OR NEW.interstate IS NOT OLD.interstate OR NEW.gross + 0 <> OLD.gross + 0 OR NEW.discount + 0 <> OLD.discount + 0 OR NEW.invoice_discount + 0 <> OLD.invoice_discount + 0 OR NEW.taxable_value + 0 <> OLD.taxable_value + 0 OR NEW.cgst + 0 <> OLD.cgst + 0 OR NEW.sgst + 0 <> OLD.sgst + 0 OR NEW.igst + 0 <> OLD.igst + 0 OR NEW.total + 0 <> OLD.total + 0)
BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS invoice_issued_kept BEFORE DELETE ON invoice WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS invoice_line_fixed_update BEFORE UPDATE ON invoice_line WHEN (SELECT status FROM invoice WHERE id = OLD.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS invoice_line_fixed_delete BEFORE DELETE ON invoice_line WHEN (SELECT status FROM invoice WHERE id = OLD.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS invoice_line_fixed_insert BEFORE INSERT ON invoice_line WHEN (SELECT status FROM invoice WHERE id = NEW.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS payment_fixed BEFORE UPDATE ON payment WHEN NEW.number IS NOT OLD.number OR NEW.kind IS NOT OLD.kind OR NEW.patient_id IS NOT OLD.patient_id OR NEW.branch_id IS NOT OLD.branch_id OR NEW.day IS NOT OLD.day OR NEW.mode IS NOT OLD.mode OR NEW.reference IS NOT OLD.reference OR NEW.received_at IS NOT OLD.received_at OR NEW.amount + 0 <> OLD.amount + 0
BEGIN SELECT RAISE(ABORT, 'a payment cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS payment_kept BEFORE DELETE ON payment
BEGIN SELECT RAISE(ABORT, 'a payment cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS payment_day_open BEFORE INSERT ON payment WHEN EXISTS (SELECT 1 FROM day_closing WHERE branch_id = NEW.branch_id AND day = NEW.day)
BEGIN SELECT RAISE(ABORT, 'the day is closed'); END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS invoice_issued_fixed;
        DROP TRIGGER IF EXISTS invoice_issued_kept;
        DROP TRIGGER IF EXISTS invoice_line_fixed_update;
        DROP TRIGGER IF EXISTS invoice_line_fixed_delete;
        DROP TRIGGER IF EXISTS invoice_line_fixed_insert;
        DROP TRIGGER IF EXISTS payment_fixed;
        DROP TRIGGER IF EXISTS payment_kept;
        DROP TRIGGER IF EXISTS payment_day_open;
        DROP INDEX IF EXISTS "uid_branch_documen_6d9b6f";
        ALTER TABLE "branch" DROP COLUMN "document_code";
        ALTER TABLE "branch" DROP COLUMN "upi_id";
        DROP TABLE IF EXISTS "invoice";
        DROP TABLE IF EXISTS "payment";
        DROP TABLE IF EXISTS "price_item";
        DROP TABLE IF EXISTS "payment_allocation";
        DROP TABLE IF EXISTS "invoice_line";
        DROP TABLE IF EXISTS "day_closing";
        DROP TABLE IF EXISTS "document_serial";"""


MODELS_STATE = (
    "eJztfW134ka27l+pxZe418GZ9ms65J6zLga6m4kNBHB6cuK7lLJUNjUWEpGEHc6c+e+3dp"
    "UEekcCARKuD+kYSbsQT1Xt2u/7X7WpqRHd/v7GwoY6qTXQv2oGnhL2R+hOHdXwbLa6Dhcc"
    "/KjzRx9XzzzajoVVh119wrpN2CWN2KpFZw41DXi2bxAknkfmE3ImBKk6NahaR2/UmaC3CX"
    "YQdWykE8ch1oRgzUbY0NAj1XUbzSxqON/DN2mmyr6KGs9FDjo36J9zojjmM2GDWGzo3/8f"
    "u0wNjfxFbO/j7EV5okTXAnBRDQbg1xVnMePXuobzmT8I7/uoqKY+nxqrh2cLZ2Iay6fZS8"
    "DVZ2IQCzsEhnesOUBozHXdxdpDVbzp6hHxij4ajTzhuQ4TAdTiBVbXaorS64+VUWesKLXI"
    "JHkUPojdS6ppwASzV7X5r3+GVzg9P7v84fLTxfXlJ/YIf83llR/+Lb56BYwg5PD0xrV/8/"
    "vYweIJjvEKVP7/CKytCbbicfWeDyHLXjmMrIfjvqGtif2E4E2RPTHfDOSYyHbw01N4VSdA"
    "PsV/KToxnh3Yrp8+puD7a3PY+tocnnz6+AHGNtnGFPu1594557dgClaQi42j5EU+RFbMBH"
    "gXVjOwYipbTEGLv6uYAr73iYZMAzHs51MCMG8wEWfnWWaCPZU4FfxecC6wplnEtqPzMCZ/"
    "JXAWH8n+5qBW2xF/SYF03PnHGEae2vafuh/Jk7vmPzjI04V757bf++I97kO+ddu/CQE+Y4"
    "DlWvZLgiMAO7igM63nlOUcXc0cKwXrTm6APSIJ8lqQyRRTPQ/AS4LjA/fqMgu6V5fJ8MK9"
    "IL7PtkONPPguCY4O37OrLCfeVfKBdxUGVzefTTaanosFB4g2AtkV63Ytdnxm7yiEDmpwHW"
    "U+003QROAX2OjJ1DVilUb2cOiUKP+T8zgMEJV5LrrNXhPBi3r6oqs9qrqpvvyEeuxOw6dH"
    "fmejk8GwPxp0ex1l3L3r/He/1/mwyVxdZ+FJ18ks6TrCkWzddJQpNeYOiZEUR1Os64l6aJ"
    "h2vUZaFI+6+JhzxsYwGZjhqGGLTQe8ORKosp1jsbmiNlrZITKrrhfnP1wvtVb4kKawju6a"
    "t7ee1rqaAU9xYMBqubZLhLCQLbMTtfWWW05shjN2QF21HMbFXk2qMpY2nz6yWw3U7LU32R"
    "IXGXbEReKGuAjvh/mMKnHGmORpWFGU94yu3Q+6iGroBH7m/33ExsuHpe6KbYTRL0MEqwgU"
    "WW7V2og5ZTlHrpOPkevIKUJtBasOfY3ZFjemqRNsJBjI/HShWXlkhLuaFm+r7FeXven3bw"
    "O67E03rKze39102BnOoWcPUUcYGCO8SLUIQKLgGC2rze7ACZ1gwQlQhjDXXNLvvT/KY87J"
    "Lr2yH6j1DX3hznOacYEd8aNx824QmJV2c9yBO+cB64J39eQ6tC+Wg6Bv3fFXBB8RyA0cXt"
    "N2ni3+javnxv9dg3fCc8dUDPNNwZqPe3tXPdRCPE/bcNaDlHLWyzLrHka+aedvD/6Hpxef"
    "sRwuPGL15Q1bmhK441seNjufYziwS/b55yHRMQc2ugZcN9C9TUpkws3LdFdXV6vAZ5hiv9"
    "2z+26O0ECMcqwgWeSZwm0YfEukhr6hjhUuB05TLtvPdLwtYGNvsAEb61gRo8afc2rROCU2"
    "D1ZdPsziWFHCs5nJbk2351fN1UjHCpaqm/bc2nZFtcQo5TFeCesUeSXWwrNbnWDXUoUmpk"
    "41vMhonMoEozkjBhtEmZjzbcWIvhjqqzfSMa66N0wdnR1w2yH1zR2lYzjHy83eTOuloJX1"
    "TQx11CuL7WsFeBobaEu02njREgMdLVaebZUpLhTr2+Lljjbigx0rZq5Fd2sJjI9yrCDN8K"
    "IA6WsgRjlakCy2AhTqkOm2OMFAXTbOMSEFNhvz3Eyy4kRvTc+n4SvYwM/8J8F3wze5gHWm"
    "M91cEDKwTO4UjwnpDT9ST4vtJe7Dysz39Noo32/gJlr5T9ELITMb4Udz7iCMpgQ8RuB65Y"
    "GP3IFhIO+bouG9W48m43rLFdf7T/NRcZh8m8tbGiAqr6duw2ia4iN5ZTDjDuPsZGhuMqA7"
    "Cc0FF5RiPimP1HIm8V6uhCCLMGGak6s0Rp4i5gF8VCEU/2lSbsrxfmtWEMN07xlD6WxN5r"
    "rH5WwNzLpNrNi4okRh0EdRTFxd5UXCHM7rqIoUnIroPPQNMjbZP3wyuuzdsaHG8aotHdoH"
    "nYQkjZJdtvDbUnvxLz32y9nvJSJeqNUctZptxtCK0zeHRDXBE9GCEMYYZTNwv56maVruk8"
    "toyPVqZhMxifUUmKUIfuPRiRaZ6VglNtcY2ZaeEMOhKnZMC7EvZxQq+YmpiqZFNDTB9oRo"
    "UY2zyIGl8lku5RMmVIH5yaMbBYjKnN24oYZUfFw640EbyUh2kQJSdQTNkstD0ZhDGWl6bG"
    "JwpkjTw4vBh57cXQjC64Tbz0yooM/Gz2SxY/G2HAyyYAF3jWZRoDBs6mRg6lRdxIrCq7vp"
    "gjB7TpmtHlwrBo+IOreos0A2cRwIDgAHCNam1IArNpoRC8Gg6MR5M0+f2FhMZLXZejplT1"
    "gEAuagBIKFDNP5EBWGix9+C5EYvihecOsY82lkdwRYkUdb4vIgo/tBZ9hs33V7DWTPGbIc"
    "5wfDveR+avdb4/6wASUrGNYPxt+H3pV/Wt61YafVGYy7fUbFNCsy8/ysubNLr7Mkl4aPJF"
    "9u6fWHNQI5WzWKWDWKt1pinMZp6UIJI+wxcWh5pbKZQ9KseWzyXAE5JLs8LLmIEnNMeqJL"
    "8gHJT3+squZcSJBZDEXhKIG3icnPKBtRI87+s/Z5adYpl1kHFkXeqlV+mvIKBRuadC6zOL"
    "0vk53elxGn9xP71tyVwQJER2g5O/uYqfrGx5TqGx8jSJdHyt1RDsPxyrky+f1gIuwM2/ab"
    "yeSSvNb9CGGZ986mMVBXWeo1sadSymFFKjYtgVMn2HjeSHtIGOII1Yjqqg1RO/B0bjvujC"
    "neDOZkc0lDSK09B8t7wlRne0Y3n6mhLBWijKpFPPH+rPQ5a0DtWdXwgUwttlQDaOXnc4mD"
    "SDdnmRmdjref+qQx5MyXeuZN9YVNGOOKcRVV18x4iFbOdKlnGvbnVptb7uqqzLVjOjPFJq"
    "pFYmY6OXkjRFbm2qYdQ7UWMygMyJtfYPRCFujJMqc8bhHsp0ijFgHrySKboWTfuR4cbGIA"
    "bLk9gSFSqUzkUCY4eJyf2Q6ZxSBPnxN1iSjtRnrEnvbILXtRhFUwF7J9Mu6PB4gH+8K7ox"
    "PDFLG+WauouPrGj+fnFxc/nH+8uP50dfnDD1efPi4Vj+itNA3kpvsFJicwiTFlZ7H1okxj"
    "S86mbpEA3Wb7Y4+FbqAutm6+iaBrjby6lQXKsmVkFGTyrqim11zW23yPs54lBUzU2soX/R"
    "qgkfGv6+NfVzXct4yAXTWuqxjAWWNgA0srEAU7ZCt92G2N08Jg/ZU9fXlXW5f2DGZ7HQn0"
    "ATZgE9vevggqRDmNxEjHCpRXV1dxRZ3tAMteX7ec1pMc5XWLASxnmd0qombOHdWcEgVYmK"
    "VtW5tSDDbkYx0pYFCMmKH1SgvgYFCMeOgOdaRwHbSKcxUB4zAVw77eA1watbnb3VbwbGYx"
    "yUlithazZZ3wYpZZ9nrh+zV6Wcg0dMr+hIQWYmftSpsJQuw4WJ0UUUN8OVBp8Ct2sYmCg1"
    "hXDDO2vVq+OuJirJ6ZqUZSJUV+DhN7BjIltt2ZOfGq4vLSKH42THvbldUWw9Asha8rDBO1"
    "FdvBztx2owYlallQc6iqON4BsjVabLQxsY+V3U8olO8B2cK102+H2R3RgIF95aOWR8QoFj"
    "PZkWRDsJRH03zZdonlw6yK60snODaDpsodXEbEaYiWtULApNj4zkbLX1pw+xuFLQ4Sn1Rf"
    "YRCLXWWHadqy14ZB2FislluBy8yDrphlVk4IC15ssu1NzrY3Nu97s+3aOv6uN14Hl6JsY1"
    "k7uVRxF7pYKUUbYd8FarZCbXsuoUr36T7NDa2oZZW9Y1AVsfK6KoErl1AJ1nY9g/yNmJZd"
    "e+LR9Mpmr8c0pm3QEWGbs3CRF7qTUL/IF9mzpoyR7XsyQxkjYViHwnqPlvnGBvgeQbAlj4"
    "4efW2enl9dQ80i6tjIwoYGSR/mCzEQUzVFZeq4WkfFDCoLIpWrIBKfo9ylMIJUR1cUqfg6"
    "1zIDYB3DrWDsdzTkX6Q2EbJxiqiPVk51qaea/DWjYDbNP9FByupMc635aLMf4RBEDA2Oep"
    "0+bZ9mVbmJt8greGQ2mPggpcwAr8Iss9PXFoJ3VtkoSlniPPANBaTiq0bSmEziZIxpXO7w"
    "hnJnFmD31IHyMkvxtcvk2muXkdJrogjuM4mr+JRe8XRFdXQw76TInex5IXteHMAsVa9Gz4"
    "vmXKNO55Xw944Yw3x362m2MAzPKWT5YIYO4ybSqIbeJtipI8dkf1B1gkQmUF3UO3mbEIuR"
    "YibTTsw3RB30xsaP6y++1VjrDV+/10xVnVuWkBDZzd/9s2mTP8W1QEbn8irUghXSxvKSm1"
    "kXfhL60TkLsS3Ydfdj6CE3Z2p5LdEoB3cjmzKtBIhLcDzNLvdS0CPZgOdfMzn1kRBpdTTR"
    "d6mR7F/AKJsKUnDBznL0AiiRXFy82Tu5Qn2C7rz3qvR7grb4uvGHqTNy5CzB9bPmQzVIJG"
    "GNqX+lC0E0l40nQHR0DGEnrXSlqScM80WmvisXKX1XLqJ9V1a6VlaUVxRH2DPi4jwLxOfJ"
    "CJ+HAQ6pqFlRDpEd3WIu3uoeUP5zwhx73FUf5OIZc9AOkxXlINXxuZCKx9lns8oKso/kCB"
    "nzpwwIf0oE+FMkhikpnzq5ILaPpLyMovb3EfQF478Jnf4XeiRPpkW4ERc/OcT6CU0I1p2J"
    "eMJGgIcGhTdKWhhbIw6Oa0aQvA1WFOWdpQ33wFUmAfAqRQC8igqAM4u8KlOs5uLnPpoj5D"
    "XFs/Oc+Epo06GNeFYP4wj0CjTGeAF9tRuTXYAz30MZIuFnxLJNg8eoi6xWNME2EnUUSUKg"
    "eyaaguPY7++77RyB7PM51b4Hmt04zWr/52lucJUV8W+Cfy7/a1cMO2V1C9VRmEX9/hT+09"
    "d0+s0nbs+LVGd24Zas/fbb3V27fcokFQ0vIPyS9wpD/pqgdWQTi2I9m1yyawu1bAQcB/N5"
    "pkbA5ymNgM8j8gj8X3khizxA+2l2hXMRy/7WfCPWqYptwgVvXvTOJtgSVbtLAf+MgZdrkS"
    "8Jygx800avWKe8wlED/cePZ+jHTz9cX6HLi/Ozj5tgnwn6FOQTgFc0+kzjqgqtwd9HV+Zp"
    "aPO35OpmfdvFnyXs8Sw56vEsEvRIpjk1zSXB0Sma51dZxHT2VEpQaUQHYnhocVGP2Xq8r6"
    "jLfJDWPnfumrcdNhhbHDp5MMQn8Xd//LUzbCATZOwH477X7o5at/1Rp91AcwNqMiwLfuQ/"
    "CTIdBCnnQHiygFMq5pPySC0nJpsSYrESzC9hwrRIrOrZfVNwhsCqsHPtmSgLxuJiGPqIrQ"
    "k90Q0fICyxF77WfCbomb4SA+Gg+A7ho0Lv5CsBuvARSJ+eGy+G+ZaxGpPru784/+F66baH"
    "D2ke+xHbcrdRtz3WNKZv5TL4+kiOgMPv23ILAZkznNe5HKQ6AthDjDqTBfcsxYJ7FrXgki"
    "mxGCYq9LMxHKw6uRXV5BGObwZ2oTRF8cutRqUMcXRzsBPlyQFDbr4IzSBVid3Svg638LaI"
    "ipPVdeXNZ7qJNRv6Rroicv4JyTYjaVMSmZOVkVmJOwOSRcgI4ZYi5L5kf1G+XUg65hOfoa"
    "hZE53A9ftumz+Xsd1qPqmzWvU59prlUs1WjbJB53uc9ZhEmmjBY3fDPsbHvSXqlxG6EuuY"
    "B4v05sxb2SQ3IYZSZkWvz4r2wxZFW/ZDrYfyo2OWWUJX1HieUQDGGTPQS8YpsgIcYZMBeN"
    "lboN797W3WprO+fpdR5HfY57IqyzsuAPYwjS4ridhBWzdWErHDdIWrJFSyLVzp+5xVGadD"
    "teyqJGay/1Tp29xUEiqv0cF2UGXvcFBJkLyy/duBlL1af2VAyhVo74uXFx0DlcmqZWA8rN"
    "nL9h9tE8LN0hPaeDESkdTJeQqrZ+oZEhYUDS+UVXT2+tyF8YQgKAnthnSjCWbIaojpeMg0"
    "EIYg8Ab3l/zR+wNcJ3948eF/1BHvVMMedn1eECP/iG0STXbY1ZdskR3BvjKP48t9vGh310"
    "ELi2VxXSUnPqwWWUbL64pgfwbXjzuCbifW1sNkSgUsVjFsKGzRSmZBVvjJtcyHnRkIkGVz"
    "IzywGLl8DOLRVs5mCEiOcpXc1FlqIwbz4V+pTR1eJlGmWR00zUqdUPLEcJzOdEyTSs+sD1"
    "WOGabUMcu9TutnZdDs9hg1UV9OZ+ytH4yb5vIq8AD36m3/m+K7o5tvp767w2a72xx3e1/c"
    "2xZm+r3DJtK974+A3ixOpejAoeUsKSJvPF9FgDjiMocRgYi0fGkQdt7Ato5OiBdetH08yk"
    "5iSS3yRCyLaQm2ObfUfFX4oqRHF0+3k6hSARw0bWWvwxSp/KAHaY8P9V1EkvpFDYHVpodQ"
    "3EClPoa6PaV12+11Ww3GmU6Fw+HB+Nq/6yi/dkfdcQNNzCk55dISO0p67NlOA3LJqEEejN"
    "Gg02l9VeCAaQ5+ayB7Rog6OYWTBs8yFjfZ9WGzFPQic5oeoeWnO76gvOqGY0Wj8J5IzIZt"
    "E5VOsZ4QKkTidqYmSL53ScuzSwvR+zut7l3zlh06dZGSxmaQipAKf+G3cOExbjFVpkyrMh"
    "OqIaznitFRSs0SW83R1wZSsT15MFrNYRv+trQH437QbaD5jLKrXzu/3DM2qE4Ie5PtJeyz"
    "bJJEiiARySTkEkCS3zhZuA7TlViuLoTV7UJunlm+98yBfZhOYp8f+ydTZ9qxMp8pnt02qx"
    "k4Svmec2gZJ3fmCRUR1jP8FfUe9Y8ZMTQAICe3H3R67W7vSwO59Iy793uj+9sxZIi78jxh"
    "3N9LGi9TvrgK6Ov6ZlknIVrZTLDMIq47W0KxzN9RMIH86KwDOynWbZGnuaEp27HEyCB7xN"
    "5wU1pzmaf7oOcD5YMRZZHDzuf7XhvYofhdGzLEwsXeaiXh7TeLpJr5WDIL7z3OesyZGIkJ"
    "O0z7mtJNcNGNVmRu4+7ATavjnxxYkFrHf6sAg/IK6GviCVLSGX3lfbfMsvNVE64msGsz7Y"
    "IrK0MWo8wSzQqtzA+tRH6oG32vgDuzmBD8W2qUx1ZSawbD6B4pWHyy6WrFxJznDFkM5ozG"
    "xCxGkkqTgxaDyaz82Yxhi9MZrCYNsamx4Y6BqUXQiWkhiKhCFo+u+gDhzEw/XkYmMnzho4"
    "YXSQGNhYybP9RRACAK+8hox8NGO1L4jvk0VkLJZkkKjlBqT2pvMBwxwpllPxj9dreBTI0+"
    "GD34y9DoJiajghsS+XdGZDrSamUFyKpbKYvHuOQ6DjL6j7Bhv5G4CqwphT9XJKVe1KLXE6"
    "DnY9p1xJg4XHOIgWwimJTNVgmx0Ql8CfpP9Khj46WksZ78VWO2QFoQzZJm6zCaPQlDwI7Q"
    "x9OzjzBZGLq0qIyLMkHkJz6aWzzXNBETTxbeLNqIrUoiJm/7neIG4VzVzzLH4EibdvLZUE"
    "3rZhabtjQVFSaMxRz3ea2bUUJp3lxbWExa4nZoifOtSGkwWgNudPfmthjt0uYBxZ6GBETx"
    "+DTNwP16aqY4e1Kx/I9mM3jwHqtM8gGhiA3RYJIQCEEaQdSpc7GozpuZEqxO3Kc10cv0Oz"
    "vS7DTB+FH8d2QyhAAiYs7dMWXK577O3bSUz+VU5BVpA5RHKNJWRITNFLRmz6dTHFddJDlQ"
    "zUdS3uC0WksoVnXU0Sj//x22Xhi7Wlp46+j77yN8MFv60w5qwr+Xttv/EsdEXZwR/y6npc"
    "XjYLkDLMJ0UgOJCbBYHfeZVeYVidSX1yh0blXSLZWNY61yGlY7fCsroG+0mqNWs92pJbAF"
    "qc6t8/+HOWGptLng6o5R5yLLP1mfCxYXzqbQgcd/btnCxePRI8x2ORNQ3qgzWdXSqaOZRV"
    "VRgKvbG8Z1Mt9qrPyearawLUckYEkd7bA6GmMhrzSp6keGFLAVeam9eYOvv426/WUBg9lk"
    "YVPTrV9QjfoG/JjZpmhFYIBST1a72b39DbrXU51NTrP9a7PX6jQQ1l7hhz0Yg2br5+YXdm"
    "XGWDljz5tM0A6SUtjGU2bEUuILE6a5WMOkVfG0tmGGhLlOzE1hntOz81zlC/gyUADGnMiH"
    "SauC/EC8N+/2fRjQ2VKNMTUk6rXe4zIbI0afhf7UUCQ15+L1kx2mxknO6pzspw+ZkCmCkr"
    "ggeZi165hOXOHTVLCXNFWpJlMbAMBoSo25jfxLZf94++T9KOiJ4XdBqmpE3xUhzcfE2RFD"
    "yw2fn+Zdg2cTGxylilhPsB/igEzvGZ80Romts7URvCvo9NzX6v6COhIvbwvrOfukGfR5kp"
    "ExFNgz3kPUfZ1NJ8RHXua5uOV6R3gywIri+wH7xb96pV+w6tDX3CUOmq1x91dQHzk11H25"
    "G9x23LovriPvwej2vOeo4fuew2uVMiz0HYaFylIHxzbrMZEUstTBXpRrUeyWJniMkx3xIb"
    "ISSxeHg1ZWkdi9UUjBs5llvm4Ac8oIEnBZtkOW7Sh3AIQs21Gash1xnLQAnI87gCfl+MlS"
    "KcWTvyTO6wKlQpJqQpyULENz8DI0Xs7Otg1OQ5lCR8Kkg5UFDtSHuSKrNIDVvnsLVwWjXc"
    "Z/do0/59Ra1GIiP71b9bSYT+p7KFP2nksALgQoW/DCwK5DX0ReNEjIM/EpeVkJs4RxBuSm"
    "lQ/AZ2qW8ZyHjeeE6d3UqePR7sqlU0Djo9ov993Wzw3ElrT68mCMmejIxiV2pGnVJt6bgq"
    "sOld3DFl3/hfVW4D3FwMPGKw/xvgoQw3l7y71uXkuCcnjYnti3KvxD7EzFs6cAUZmDabNb"
    "03bff282cSvUZ0V5SVBmhGtNG71inXK/WwP9x49n6MdPP1xfocuL87OPm6zx4oPHIcR1QX"
    "Bcpa70MIsA4REZjYuIoGA/XCMJrTvX8/cVdYkbQNU+d9hvZ4fqE2HLhDwY4pP4298O7cG4"
    "Z2fAyOueMzfA+FOmFjrruk+n5UgX03F6TzPWgtddNSJeVqxjgGuUy7bP9JUYucSkfSdPy5"
    "bEh2iOO52yH6sW0R03bqQ9zoLKTrS8MmyLsXgQTXX9wfjWvP1ZgRbrb1h/OYXe6t++Nsej"
    "5mAA5WywYzO1nl3r3LCP5LGMfSHJXzOigkYuutvmDh2OJ69Ep7xax315oXss+d9McAZ2XV"
    "RGLYb9xYQbgzaaok+s3z+BAcp81IzZi7rmJUrsHLlIOy72K+Y51rmx7uBYkpX30AjBzntz"
    "iYbwaNUQviRHSun6re9pZ/Q5d0GPpvkC82IRXgp+8y1SvEDsBRfM48yyKRp5kKzMc+DWwb"
    "7vthnsKmGT8Exth1gbqiTXWWYgHDzqm4Hrakd277NpfUVDfGVg93ucdRnYLaOPd3iK9cBL"
    "K7y1XKTwRImMZ9huSz/LgMNdBRweb4DWlit6f2Fbu4weaToOVic8JCkmgMR3t54WQ4KDz6"
    "2vGWag+Uw3sUY0NGh/BssInbIXrCObqY3sIjFUazFzRHkvMJpMCNadiUtls1nTtbjKz0UO"
    "nL+amIw+kdEnm1leLDIzLSev/WXYGfSHY7C7APWD0b1rfuHhD7DmefjDgDH11rA7GHehcO"
    "3MWtEXYCwuXBE1LcpeGycFQSR7xiKEJTYHFLExduLrmhKN4hTrWDz0Qaoyh0ds6OO6zGKP"
    "vEw2R8YUoaH/EwNxcoEJ93GpesWoXuJYV9g5HCP9p5R9D5KVednWRMD0K+9lARJLUFTZhH"
    "Pvpuh7payI0qBUjBlRpqruoG0Y97vmQ9RHsgWc1ZGAcqDpKYS5zXNRwhLb5/Z6Asu86sPk"
    "VcMuLwDZNsXPBts0VB27A1ZrCWfF18cUM4Dr2+7HZuosHNkoayyVVVN43LHeM/n7ROyagf"
    "v1NMum6j7JBCD30Uw5cq/E4mX1INUNjfrNAQL6n9AfbFVQYjPM/kDU5uI81eAp6jCBnlq2"
    "45HGp9AVNG5+06ZLHbZy1tHvvvwgm+0Q3w0mOE5MK5Kj5/MfSyvpYa2ky1WTB+wA0W5l93"
    "3GehQjbEK2AZ15EZ2bWJ+DI5TaMlH9XhYOgewEhygvJFeMZpiuvEGa5bF6zh//SZb1TLNa"
    "9oNU0qyf36xvbgK7KVHfDnVsQ2XlaawmnAx7kErinh/3+JaByYh7z0us82Nd9rICMYenZu"
    "Gn3G729rD5edxAnPbBaH5rdsfd3hel1R91v/QaCL9h6rB5OVVNUICY4MMuQ+6pUIfKIeis"
    "VLPIdKU7ZwKEBfhmKrRnSuSKiYntjfpixPrbzAVnynmuzDz7bDHBOU6voOAj218owdmO5r"
    "PA6gkzKIZnzm3FBSivLzOefKdeuOrZRdj/DI13lrUItuMWb4pUHEMr5bUNOsHLCI13GKEh"
    "E72ObdazJHoFfC8Z4x0CNDLaMC7RyxOTc2d6RQhlKInse7AzyUvG5xwmPkdw0AKwzRg9Ul"
    "VgAydNliTEFfvcH7glY7aZ8w0jR00CwIcJzXFjz6jgZaG4nNXNelpQjhZ4bH22IVoSoCnW"
    "RM4nr8Qk9ncdvVFngrCBTE6DdaSyL0Un3Vb79Ozjh5+QQZhyjwSIWp0XT0GM45r6K9Egx/"
    "DVpBrRYtIR9/nNMl+xwpE4/peJwJ1sGgmRlTlapLxmEbbj8mDuPS9NUO/CZVhMr1927PZv"
    "fwWvoMe9H4xOb9wZdtpKt6d0hsP+sIEYa4ayUKfUOCWWtWEBtcLTcgXsijrBxvNmPsS4Aa"
    "SPqTzmo6jVkC+/DWz1YTrJJKWdXlpss9jpXU1ho+6qEUppXZTWxb34dUNHe96lm0Qu169M"
    "tDykIdfPUqXFcW171cj5k6HzZ2TrS5zX4JzELEuVehnKLU428vqyj9daetmzipf7nMXea5"
    "C5Za5oeV82r7wfmFE1qPxnWqsGYGHDbJwpt5hBpZW2wlbaalWVy8+yap3OlwZi/zwYvdav"
    "DcT+eTA6d3Dtjl0b9kYNxP55MG46w2YDwb8Pxq+dQQOxf7avKFdw/wXqkGmMrTHZeMEJFJ"
    "tgtyVgiY0XtR6xXoldR9O5zZCwgfEw/ol1ylhHvgqme7Nr6HT6mGc64PlqzEZpTUnH3oIk"
    "uzK2+yYjcP7nxNlHIjHOgnEF/UdLCTGvC2nY+eWeKafCZ+SO8WCMWl877XvevtZWJ0Sb63"
    "C13YeGw7CcCmxwW3irFyZosV+e60j2kUj+L10J0pUgQ/7f46xnCfl/D11IpPOoHPDK0PTd"
    "Alu8R+N4+7gUH0G9dccWX0bAsjNKjNh74xJ//lnU+I4NmYltxXIcwAetdcarSVWiQOWzLb"
    "HqiqFu3RpqpQCr1hQOg0eaXR9LxG2XDpw7okHBy68UauQvajEOnNAT9TQHzlQ8q0x8D691"
    "4HybYMfvOHEbnNgIP5pzfodabuMeCImHzk2qaWloRqxkB05Rg6534EgnzUGdNOxLNAqvks"
    "vQEKSStoYNYrvn1jMvDZoH9gCRRH2zrj0qzr3cQ2QS+Q1K/LGD3HrOud4DRBL1TTxaTNbW"
    "8XNOK7KPSKIu7cjSoijtyO9x1rPYkb25y98uR5N25KrZkderhFWzIq+WoTR0ru3iom1p6I"
    "waojKY8/sGGZvsn90b88uwurcx5beao1az3QnNwHYNv2czk71LYsdv3+16asvv0IPZ2uJQ"
    "mzro0TRf3OhovLTGiUIYSPTbodhA2GEfRbf6hF44WwyWJQp7Sb3qYGM59rK7TXDaQjfFV0"
    "XvSdPgQU2DjJu/UnXj1iw+8lJHcVe/L8tqy+RUPAKE1dE7avfjVi6fUAUVjah+SQxtkzn2"
    "kVVrhusIPznEQoFF+r6mvIIBvELCyHnQ1W76/Z8hBFdQPxitfu9zd3jHo3JN44laU7jaHA"
    "67vCoMtizKi8J0e2zIEWPfvQaixin0g2EjAv3d4LYzFvTTGa8H9mD0+sroa/8bWznmqT0x"
    "3+Kjf3n5mVXcMJtOL3J4E25ffFyweNHEaiPJ8fMRwqOLot9Jq3boGZnLfr4kKLHtvHbDdh"
    "oDlnfEtNEJMVRrMWMv1QDf/gJN8QLZ7L+3ySIQBsB2E7E/bM+Jd+JSFbtfYYzxkcTUFU1v"
    "+BClLrFFrvZtQtUJtCzlk6Nj4zsbub/ArqMny5yis4zsqrjeED5WyZTFnFa7WGLZnT3kRR"
    "UH3wZiYJCyMuXE2EInBl/k7PoLY0sW2C/8HMn9Ye9POHSYqGQo0F8W63mZXZi2zKxuDJOP"
    "F4zB8bdGgkEjNz5N2I5clsfXgvhFe2Z8sDBzOtmXJGUWE5ZxgHz7Qb2GpZUQJAcNmWAudJ"
    "iSCcKlT44oqYzAYAeENuGgIdKqslAbmCZ8cn9PxtoDx8Q5ZXxGMlOspqdexme8x1nPEp8R"
    "8C1ljM0I0MjWPnGtfULevqzJkyEyiW0ctjIz9f1EFB2FVQLsT3kR1ZOYwLu08aREaInDKI"
    "pt7uism+VA1Vyka0ODAsd2hiRfmUG9ywxq76gvAN4j7+8VloqyLF29EGDHIDJAUNrAHa+S"
    "/Hb94tXjsY0vtStz/w+S+3/0Ge2eoZRonqeu/OntLd205xapxcS+erfqaXGvqu+htTGvbb"
    "ywkWE+mtoCojHQI3HjQRrL6FQ0MXWq4QU6MUzX9P+hvgxWRfB1vPGb5Y9n/c5GOsGvJBoY"
    "u5dvzBI9q2PbUdi3iHVvuR/yBcAmKoZZtUF3I5Q2RLwYXTA53nUFfARbsA/GgxsgSjMNVl"
    "eAiUMTTHvhgrU4P3p+mmqAx7aZqs9tr8lZwRjmD+o6RDTXLvf47quiSu9PMvrV9ANk8f4c"
    "xg+wr/LmpkEaCJrfLjzB5CQswGR0yB+Tp2BP6I+IA1GT1I4KgAfCXHoQ9tZYav/m2erxlO"
    "0NuMvUzgObGKvCUQoxPcaDLq1j+7OO7dK0058Rg/3Kr+bcEuwuZN8J3K+nGXlM8aQyWT6a"
    "oWYhMVZGFLbOYQyIJYRSgm+EvDDm0hB1Bc03XlTQ/RJ04ryZcNFGU/xC+BgEv6BH4jAy40"
    "NcJcNdflXB9Q2lDWdLG447oVFk0+OhfWRljkmpfYQFfGca7rvuNcgZtoWtTKkxd2JywtPx"
    "DdOWGuQ7/pq2m346pZpBnydO3WMhnm6/V/C5nXlT9CPElYRffA6vpL3OggwmLIqHl0qjKh"
    "vABepLh5Etv2Hq6NR2OoYTXxQ7+ECqdPnmPqqQ5bMZepoua9tMTPSGDShcbSCCLZ1CRQHd"
    "ZPoVL3vD7k/rvB7O2wQDkzF4SssbT6/UwD0IV4Dl2yIxFtyEkAQb1/N0P1+axZ8Yrqjj1g"
    "GA8sGGmtexKCvryMo677SyjqsXJJTgSNUl9lx4Y5O8MPdFgzymjnxKRgM91D7Wz+uXD7VN"
    "JuTsIov77iLZe3cRnhDBTdlpsJkkHENeZpGs1nHfVxTBWU0UGCTqaBorKe9dKtaxs/mMRI"
    "hLPR+3/G0RMbSSzsV7iWGpfYZ877cJMXIZxKsRyrInL8O94VCdY4hOqBfV8uEnJDw/c37X"
    "V86pYIw9WTQnv/CR7Y9TnOdE9gzx12Si/TmyTdOoowuOM3jT9s4SjrN+0bfJgkPLmK2/eB"
    "F1eOmiR+J6zrBe0kIEFSztBpo4QJh3pprdcbf3hem+gv7BCFd7g+Cf9rD5rSf0Y83CbxnZ"
    "ekjczBQtlhIsFpH/fXV7cya4RSlLn+fGK6343hs20xu20TM7FrY/ZnPkE8oIveQFf7wRer"
    "I+w7HNuoeRrM8goy53FJ+GjQUKxIHJaMujWsiyXoOsMFAFh6usMPAeKgyU/WgrJOxXZsUf"
    "ddzvN9N6SYv7Ddyvp0ZmiCc3iPtdFRGFMWx/w6FQZC46scFoinURiCsaF9kznTrIntAnJz"
    "ngt+jvkJG+MtJ3f8frQSN93Y4rmzl0I8Rlhjnvai4CXd6QZ8PwhSCpRFaG5+6K8ZbDlnSM"
    "2KZo4rJo2g4zF6WZo/Jx5W28gLJT4jdGNBff3VS9hYlUiup7MEM4uUDkOxsx/qYTHn3sKQ"
    "pstDq7PDegGwLEbYuSUOhxwW7CG2qQVGibxk9cKeH3QOngwSBInWDjmdhx0eR7+c4YreZ3"
    "305ZVqGSas6B1JycUWiVCuIrwuwdE1mmYnuikL9mbM+QmCXZJiplUnaC1BKmDSMpiL93Bz"
    "kyLDutLpOsT87O66Ihof2nTgXj96JnLqPllAAxlxdtAraPVGK9DmtxEuQH2k9XFZRrTV1H"
    "cHzbdXZwOdDsziJPc6YC5zKGFwY+hEVGcU/OA/GeP7oumxeZumxepHTZvIh22RRSyiYhX3"
    "7CI4z9qW6sTzTESxpoihMZI1snd/xJiExiK3PTDxcqsVyN0vS13vQV3LgJ6B7IRGOqcwge"
    "H4neonFmmuAT9VRTjfusr1XpenMNhLFDNhZyO4U6GNqGUuHzhYGg4bVbbr6OVIto1OHdLO"
    "tMwFQJG6juSpofQOhceo3B0LIg2Ioaa3b+jQ/Gg9HjY9sIW8T9gseF+AKHrXEesH/yB4Py"
    "ezc93P5+iZ54LfuPD+ydbKoR3v+RoWjYmNuVHgwH+nxS256LkgPII60j20RsRapzy4JvgB"
    "aStmtHsifwKib744XOwPDEv0WUM8BscqhONDHmgwE5BDaiju1BBKtNVEPgvSiZggJXstik"
    "BJ6CTRjsIlsXCoAkDVUHNVT5pyWbgrSiKHOa/IZK0tl5llyk85TC1WENKbTacwAdpTxCwK"
    "8y4H2VCPdVGO2kvtrJcQ/bNdMuHbgFKylS9SsKVame7Ek9OYwA7TYvipOcvVupIjP1PbTe"
    "swlSKn8enUAzIpA+7flspi/qTMb8Cy1lViblPZpMWBMy7Qe3381KkEX4maHNJGB2N8aZub"
    "OvWSMrvrBlGCMp1pfsOiwz/h6KQ/cllLInQ4W1uGzLptuIubfK0PY9JctuHbTs1mo1hOWm"
    "9Rn3Hu0erfm+nZzHbdLt/drvtjoNb1c9GK1hp90dAxG7KnbTqeedOLxcW8FKCJqFn5y889"
    "IeNj+PG4jTPhjd0egeaiAI7vBgDJrD8e1vyqDZZRdn2HL0xekMU35HXIK/W81eq3N7C4Qq"
    "wJG9fdyuZ1Go9bn8Y0uKQuqM7EK5rjVtm8lNEGTjWkcaqNlr/+38+vT8h799/Hh2frER+t"
    "dZ0A87anzoX5dON9xTZhQHns3BzKI6Ov94fo0cE91hS53Apx82mYyK6417An6gYya8MbEM"
    "rHXLyDTXtAlBaXB9uZaQt5b2r2eupK3IFCRHTQWIqlG8C0zOIgaWzQO8GsjU/Hdkwz1fSJ"
    "ULUH7vfICwAO98OVMCj8I5LwRDxXzKmWwfpit9naO9aCFV6+mYN3ao1vTr5Q30NtmoZO9O"
    "YonYVxGLe8WiqN+Ypk6wkcCtAoQh8B8Z5a7QX17JcwLgvxC2UffLaAxuPYdgDc6AFnwGF9"
    "yI/bH1WXDT798GGNhNN1zc7v7upsPE1VAcXczJ7Db41qjNYz5jjpK0GMY48sOEMn7MOVHd"
    "3pBNzBMXkd4mbPmt7F3chcqmDdyp4BxdNj/ff3jjs2XaMVp46pwsaaoxEaP5FHbIn3NsON"
    "RZoL8Q0yPUAgSmTfDecBtUb/nfsjXNGZJnAvZ+woEWuoP/gp+vvGJ9HnNApKIfoa3EFBwu"
    "Xv3Zzru+PRIJbBqwdn5gbQlsBmBpfmCpBDYL1zWdOLNYOrf1aCS0adCCayAnsh5JJYCtDf"
    "ACYhFthHXdVOFlwOxLM3ZXKPxQ42pv/hwsH1k1YG+t9Ht76Xg/IOqyJnSCRaWa1YFlTej3"
    "OOsxpmhZE3o/aWKyTvHuwPVsGgqezSzzdQOYU0aQgCf6efOiHCaT0Mqa23vxAs70hAJqKY"
    "jqScXT3qVPVca9ywrmpcY2dwXz5WFUALzHXVI7fGxnWbl6IWUUxyD9gvVp4I53nAD7zpoM"
    "2MbJqnINr4E4RcDPUh9B1t/PXB9h6/r7vk6wXkBGKIrIJfv885DomP+QRLDdrC1wgx/R4R"
    "dYnK5dHipUboeVa+lvLsc7JsT2kDXIF1ly5qC3BtdmDyq69+TaFMK+QXjYEi9csczz+4mH"
    "M+Epj/PgJSueKJsL0W0YAqG8YBBquykw0azBQkeOTRT0ZVgxhYPynySrSByyisRyGiLQpl"
    "fG99Mdk/W3iLL4/jeIwJochRwiO8KSEeeZgo/PU4KPz6PBxzZW86DsPr7HQO8ff/zx4uyy"
    "theEP2XA91Miup/C2HqRmzld736yw7jez3Yra6R62T/m8LKzH+Uoy6DYHBAHCatSYvZgIT"
    "sg1mwaCB+hrUY0ySoKnoo497C8t7foX8WKzQxZF/i7JKsE3kUu7as8kak8o2HTtR1D/e7Q"
    "lsHspYU6P8AS1nWwCk0+J7IrIgluKrizmcnGnuZ350cpS++DhjJT2HEIG1RDNrFtKFYE5a"
    "ay1kgpxtOvUfxssEeoqjjEzot7PHUFsEfwugeA27NY5iyhFaCS0SrhaBWLg+OQab7wqgid"
    "jK+K2uMs8kxhfHiPnMs2hrQKrAEAZY/y194Ti0iJFvJZ/bf0o/oKMlaTTawPvAjwyfVNFl"
    "cMoAB4BzBY1x2rFGu5+LiLMMNM8FUnCHUFgNwMjlYKmIuS5NbCH5VyM4Ri+JlwARMwDA1X"
    "khnYmmmvBT/mMMsUexQQkAuYgPZyxLE7YFmmYFOROkMsUpyWUao6yG4oSC0mmsG7VU+LZJ"
    "j5HlobxHBnGmQhenG8MpbzZJlThJEb0IlOsNemg1ckhuRZ0b+C3+BtO+pQIZI3ziD2i7+H"
    "RzSsYcffFRPoEIpoCNc49l4lvsjxsgWsLFwsCxdn8zC7CzgnxozjtDrdwbjhbYAHY9j5fN"
    "9rN9yFn40F7tQBvfcqt3uJ/qkNBeDAcATU6NWcq4x7oNXrH77IbSUtxRvMxoDHMr2ycaAM"
    "voXMuQOF3iDsDTYzsvHiQKWTlvUX8k6Cn64SFnsmfLlcqMGPWqjIjZiwoVO3+ITQi+2fRP"
    "sqkNOo7VZEPMzcgAi06Rnh0ZY5xgvsDV+h7Lk9gTroQ14C3dIejPtBt4HmM8qufu38cg8l"
    "7ifkT2g6dtPs/ayMh83e6HNn2GBilPFyyruePRHrweiPv8JVk0tJmzC4yywM7jKZwV2Gp5"
    "DxXmIRI840lVYs1EdU4nqhbJrQ8l3r7hwBe4NZRLZOZ1scNtdZAvmuk+P4rqPl+XBclFli"
    "BWn38S1rR+9rK4WKRy+gLKXNLok24RDGz04bJIr0MVa3PUOLVpT2Kx2xOCeX9giRHmFtj+"
    "rW8uCXQhN9pOWPhaRcrsrHU/rMkVHAqpAH8whhmbtAcPblt04+EQIM641JyVOsEeT9iMMf"
    "IxuXA5FVQLK4UmWloF2gKguA7KQNgCu15OUEUULJCWQnTFkRpALY5q4I4tvrBQB83Gn+Ub"
    "6YAWBZsCJXcES2OhVZCinIEgGHLhEQBS7ZtR5Ed62TXcHB59f628eeSZ17r91RkDPBDnyw"
    "ob2vZ2KPOtDzEsem/vvCA7x4QJn5f8jM/3fi3TtYKogsoJ28tKtZSjlLAW2ZHbGL7Aj31M"
    "trH1kUk011PKCmKPC+83lrNXORMbi5pMBmUDMX+SKYZQZEIRkQBw+RXeZHxEny/uSJFAk+"
    "kLCRrdyXM2HA+jpBI3WCrWfRCJoHp0KoEh+4jt6oM+GfR83W376Oekhl78DbwUGfSlgv8Y"
    "W/dvAdsXrAylAIRFIHOKgOoCbGMCVIplWIWxrxvYZeyKIR8FqeUuNUBGHU0WyysKl5qmGq"
    "L+o87P+UkOdNXJiXWVyYl8kuzKjiwP+fY1K850s9KU3OPAxoJWW6Te2prm8C+Nl5FsTZU8"
    "mBYOcRzKsV8L1JMF+/N7q/HTfH3X4vuC0ejFFnNOKX3cyvB2PQbP3c/NJpoBk7N9lZ+GCM"
    "2dHb4BuF3R322/ct9nFmmdpcdQoI7TvPNKUpMxopi0Os11iJK9uc+sjLHJgx+PobmzkAvz"
    "n4reFyNZgEPFuweR10Oq2vyvK2PSNEnZy69zeZp0xbL2XnRTfecVbvqzHBCJ24i8jmiUUg"
    "Jp08m6bGPnrH6IGTK95Laa4aSKUzYqlMZ/sJfUT/idjI01lxceN56nVtUuxP1vnLiq57gs"
    "W4vNLL2frpShztUWt6J3IDTcw3xDTVhXdq8xDiiQkyfh7dooiCt9RWmA5LX2PW9Y1p6gQb"
    "CWqany4E+yMj3NWC9lS4/S7om37/NmDFvumOQ7z6/u6mwwSd0HKPAi7bNCYv62r6FmJCu2"
    "WbRhnIVmZDbZZAtiyRKntv+VGR8KCdBqc0CZMpJ7UYO7Z7p55mxMarZ9YZsJNhWF84QRqD"
    "92kMfiWWnbNlgY+kzNav7BAHrR1XV1nMHVdXyfYOuBdJUMmDsPv4EaJ7likf6ywlH+ssmo"
    "/FvtGJ9WL/fdTvJfk0liRhcZiqDvpfpNNMRYrKhnYKuABGQOb1MD25a/4jDHfrtn8TFmZh"
    "gJs4OWqfftl//3+ieV9E"
)
