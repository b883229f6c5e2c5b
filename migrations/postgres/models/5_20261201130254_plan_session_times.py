import json
import re
from datetime import UTC, datetime
from uuid import uuid4

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Hand-written around aerich's DDL, two changes that keep the data:
# - a plan's free-text time slot ("10:00-10:45", "9.30", "4:30 pm - 5:15 pm") becomes a start
#   (minutes after midnight) and a length in minutes. A slot that names no time of day, or one
#   that cannot be (25:00), is not dropped: the plan's history gets a revision quoting it, and
#   the plan has no session time until someone sets one.
# - inquiries' test names move to the diagnostic tests' spelling ('ncv' -> 'NCV'; one enum now).
_TIME = r'(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?'
_SLOT = re.compile(rf'^\s*{_TIME}\s*(?:(?:-|–|to)\s*{_TIME})?\s*$', re.IGNORECASE)


def _minute(hour: str, minute: str | None, half: str | None) -> int | None:
    h, m = int(hour), int(minute or 0)
    half = (half or '').lower().replace('.', '')
    if half:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half == 'pm' else 0)
    return h * 60 + m if h <= 23 and m <= 59 else None


def read_slot(text: str) -> tuple[int, int | None] | None:
    """(start, length or None) for a slot that names a time of day, else None."""
    match = _SLOT.match(text)
    if match is None:
        return None
    start = _minute(match[1], match[2], match[3] or match[6])
    if start is None:
        return None
    if match[4] is None:
        return start, None
    end = _minute(match[4], match[5], match[6] or match[3])
    if end is None or end <= start:
        return None
    return start, end - start


def _clock(minute: int) -> str:
    return f'{minute // 60:02d}:{minute % 60:02d}'


async def upgrade(db: BaseDBAsyncClient) -> str:
    await db.execute_script("""
        ALTER TABLE "treatment_plan" ADD "session_start_minute" SMALLINT;
        ALTER TABLE "treatment_plan" ADD "session_minutes" SMALLINT;""")
    for row in await db.execute_query_dict('SELECT "id", "time_slot" FROM "treatment_plan" WHERE "time_slot" <> \'\''):
        slot = read_slot(row['time_slot'])
        if slot is not None:
            await db.execute_query('UPDATE "treatment_plan" SET "session_start_minute" = $1, "session_minutes" = $2 '
                                   'WHERE "id" = $3', [slot[0], slot[1], row['id']])
            continue
        changes = json.dumps({'time_slot': {'before': row['time_slot'], 'after': None}})
        await db.execute_query(
            'INSERT INTO "plan_revision" ("id", "plan_id", "changed_by_id", "changed_at", "summary", "changes") '
            'VALUES ($1, $2, NULL, $3, $4, $5)',
            [uuid4(), row['id'], datetime.now(UTC), 'Time slot not read as a time; set the session time', changes])
    await db.execute_query('UPDATE "inquiry" SET "test_name" = UPPER("test_name") '
                           'WHERE "test_name" IS NOT NULL AND "test_name" <> \'other\'')
    return """
        ALTER TABLE "treatment_plan" DROP COLUMN "time_slot";
        COMMENT ON COLUMN treatment_plan."session_start_minute" IS 'Start of each session, minutes after midnight';
        COMMENT ON COLUMN treatment_plan."session_minutes" IS 'Length of each session in minutes';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    await db.execute_script("""
        ALTER TABLE "treatment_plan" ADD "time_slot" VARCHAR(40) NOT NULL DEFAULT '';""")
    rows = await db.execute_query_dict('SELECT "id", "session_start_minute" AS "start", "session_minutes" AS "minutes" '
                                       'FROM "treatment_plan" WHERE "session_start_minute" IS NOT NULL')
    for row in rows:
        slot = _clock(row['start']) + (f'-{_clock(row["start"] + row["minutes"])}' if row['minutes'] else '')
        await db.execute_query('UPDATE "treatment_plan" SET "time_slot" = $1 WHERE "id" = $2', [slot, row['id']])
    await db.execute_query('UPDATE "inquiry" SET "test_name" = LOWER("test_name") WHERE "test_name" IS NOT NULL')
    return """
        ALTER TABLE "treatment_plan" DROP COLUMN "session_start_minute";
        ALTER TABLE "treatment_plan" DROP COLUMN "session_minutes";
        COMMENT ON COLUMN treatment_plan."time_slot" IS 'For example 10:00-10:45';"""


MODELS_STATE = (
    "eJztXW134jiW/is6fNnqM6ROkkpS1fTunEOAqjCVAA2kano6e9yKLUAdI7ttkzQz2/99Jd"
    "kGv2ODIcLRl1Rh6wrzXFm67/c/tbmhId1+f21Bos5qDfCfGoFzRP8TuVMHNWia6+vsggMf"
    "dT70cT3m0XYsqDr06gTqNqKXNGSrFjYdbBA2tk8QcMcDYwKcGQKqjglW6+AFOzPwMoMOwI"
    "4NdOQ4yJohqNkAEg08Yl23gWlh4rxn36QZKv0qTKZlTrog+I8FUhxjiugkFp361/+llzHR"
    "0J/I9j+aT8oEI10LwYU1NgG/rjhLk1/rEuczH8ie91FRDX0xJ+vB5tKZGWQ1mj4EuzpFBF"
    "nQQWx6x1owCMlC1z2sfVTdJ10PcR8xQKOhCVzojBGM2n2A9bWaovT6Y2XUGStKLcYknyIA"
    "sXdJNQhjMH1Um//6KXuEk/Ozi48Xnz5cXXyiQ/hjrq58/Mv96jUwLiGHpzeu/cXvQwe6Iz"
    "jGa1D5vzFYWzNoJePqj48gSx85iqyP46GhrbnvE2BPCuyZ8UKAYwDbgZNJdFWnQD6Hfyo6"
    "IlOHva6fTjPw/dYctm6aw3efTn9gcxv0xXTf155355zfYixYQ+6+OEpR5CNk5TDAv7DmwH"
    "pT2YEFLf6sLgv4u480YBBAsV/MEYN5C0acnefhBB2Vygp+L8wLqGkWsu04H8boz5SdJUBy"
    "OB7UanvaXzIgHXf+OWYzz237Dz2I5Lu75j85yPOld+e23/viDw8g37rtX0cANylghZb9iq"
    "ACYIcXdK71nLGc46uZY6VA3SkMsE8kQd4IMppDrBcBeEVQPXAvL/Kge3mRDi+7F8Z3ajuY"
    "FMF3RVA5fM8u85x4l+kH3mUUXN2YGnQ2vdAWHCLaCmRPrNu32PGZPqMrdGDCdZSFqRtME2"
    "G/wAYTQ9eQJYzsgW2F6nH4OYEX14ahI0hSVJsgXYQdj5RwX4vel80PK4Vc9/u3ISnkuhsV"
    "M+7vrjsUfY49HYQdVzX0dJ+A4G0hBokCE87HNr3j4DlKkb1DlBHMNY/0vf8fcQTx/PsO/Y"
    "Fan+hLj89ZYmH3rjMaN+8GIa60m+MOu3Mekgv9q++uIi/GahLwvTu+Aewj+Fe/1+HwGrYz"
    "tfg3rseN/1VjzwQXjqEQ40WhUvh6SfpXfdRCXF+Y2pZcD1NKrovCdR+jANv50zPL0eQpYO"
    "ZgFx6h+vQCLU0J3QksDxtZCfrftUf2+esQ6ZADG18DngHv3kYCKd9FN9311fUqCKgU9Lf7"
    "Gvv2CA3cWaoKkoWmmN1mk++I1DAwVVXhcthpyuxAiqnDXQEb+5MN6FxVRQyTPxbYwmhHrL"
    "p8mmWVUGJbvHFupG368Vvz83n0CiRwyn8S+272TR5cnTlVH5YIDSyDaz8JvpvokHqWEwd5"
    "gxUzMHqjO+c7c62sHS7gCSHTBvDRWDgAgjmaPyKL+WS4hRtA5nYB/jfF/Tg7zyYdOGI5cH"
    "43HhUHO8U0+hBR5cwm5btspNV6jwZV6YNJB3QvPhimsSrGRHnEljNLVoqTYY8RZunEwpgF"
    "y+ADU2kjKP5u0AOUTBX/t+YFMUr3ljGUtpn0XbdatpkQ121kKYWEwQDFZonwtQJPDioSFr"
    "B1xVWkMCvifOgTNDboH86MLn12SNSkvWpH+9erMiFNo6SXLfiy0l6CS4/+cvp7keteaDVH"
    "rWabbmjl6ZtDpBrPyFq26MdagrIZul/P0jQtbyT9eVpONbMJqMR6wjZLwIiojkgVRQuZOl"
    "SRzTVG+krPEHGwCh3DAvTLKYWKfqKqomEhDcygPUNaXOMsc2KpfIqlfDKGKow/RXSjEJHI"
    "YWxbakhXeYIirtJjIq5iIRF0D9pKRrLLFJCOR9AUXB6KuyilY7pqYnAux/Tri8Gvzdx9CM"
    "KbhNvPVKjAU/IVLfcs3oqxQZYs4G7QLEoUhg0dDQwdq8tEUXh9N1sQpuMUcz1woxg8QurC"
    "ws4S2MhxKLzcAQK1OSbsig1MZAE2KXjnvBgnEzoXFVltup5O6AgLMf8ai3W3ADGcH+LCcP"
    "nT7yASsy9KFtw6ZDGPvR2hrcinFTgPZHQ/6Ayb7bturwHsBUWW4/xAvEvep3a/Ne4PGyw3"
    "gWL9QP4x9K/8bvnXhp1WZzDu9ikV1ayQ6XtZC4cRXuWJIoweSYEgwqsfNgjkdNUo7qpR/N"
    "WS4DLOii5MmeGAcYarK0cbaCjNmlWT50oIOdvnYclFlIRj0hdd0g9IfvpDVTUWrgSZx1AU"
    "jRJ4mRn8jLIBJkn2n43jpVlHLLMOWxRF0xODNOIKBVuadC7yOL0v0p3eFzGn94R+a+EU0B"
    "BRBS1nZ6e50ixOM9IsTmNIiyPl7inrpbpyrsyVeTUR1oS2/WJQuaSodT9GKPK7s20M1GWe"
    "xDw6KiPvMZaatwJOnUEy3Up7SJmigmrE8aoNcTvwfGE7HscUn4MFt7m0KaTWXmDLm0Cs03"
    "dGN6aYKCuFKKdqkUx8OCv9qdCqRgBkbNGlGkKr+D6XOol0c4q80elwd9anzSE5LzTnDfWJ"
    "MozuikmlMzZwPEIrOS00p9n7udPLLd/qY+G1YzimYiPVQgmcTk/eiJCJXFCkQ1RrabLqZb"
    "zKIQRPaAkmljHncYvMfgo0bCFmPVnmM5QcOteDg40Ig62wJzBCKpWJAsoEB4/vZ7aDzATk"
    "8TRVl4jTbqVHHOgduaUPCqDKzIX0PRn3xwPAg33Zs4N3xHBjfZc/5DQkuvrGj+fnHz58PD"
    "/9cPXp8uLjx8tPpyvFI34rSwO57n5hzAkxMc4tDVpPytyLlS7wioTotns/DsSlnkEQK4Ck"
    "Gy9u0LWGnrFn8RbklZFRkOlvxXF6zWV5nrfI9TwpYG4p6WLRryEaGf+6Of51XTR8xwjYdY"
    "XyIwM4bwxsaGmFomCHdKUPu61xVhhssBBQIO9q50pA4WyvikAf2gZsZNu710xiUU4jd6aq"
    "AuWX4VI8UWc3wPKX4xLTelKgGlc5gBWsynWMqBkLRzXmSGFbmKXt+Eb23cmGfK6KAsZql1"
    "G0nnEJOxirXTb0pqooXK9a9O0YAeMwlbN9vQW4NGxzt7utQNO0qOQkMduI2aqsYDnLLH95"
    "wcMavSxgEB3T/7KEFmTnbT+SC0LoOFCdzXcvkdpcTSQMfuUuNrfgINQVYji76kYtb66eka"
    "tG0lGK/BwmOoZlSuz6ZhbE6xiXl4bhlBj2riur7U6D7WrDhG3FdqCzsL2oQYlaHtQcrCqO"
    "f4DsjBadbUwnqyhkM8zK9zDZwrPT74bZHdLYBnbDZxVHxNgds0JpgQHtYF1COBlUv4bXZm"
    "gTahhXCNuCWZS+HTElmTJgZtyQU2kHRubIqXRPeZbl/2gZL3SC94B5frirdnTTPDm/vGIJ"
    "lKzFpgWJxiJQjCdEALa9MllJiZflTCqzM8XKzuQ8KpyXE6aqXIZm+UW3ZDjCpg33CB3RKQ"
    "GrNkJbx6sGaCWrhWY1+tPEdLotGB2mPB4215qPNv0RDgKIaOyo1/Fk95ivo2O8hZ6Np622"
    "8jClDEc/Bi7T09c2CnUQjVMKHJS+pYBUfgkLnBDWnI4xTgpk3mMy+IHaYVzkyQS/SE8Ev4"
    "jlgbsVeaYoKf00u/zKmqpyMO8l414W4JQFOAUIPhS0AGdzoWGn84z4c8eMYYG79SxbGGTj"
    "FLQamKPdmQE0rIGXGXTqwDHof7A6A25YUt1NvnqZIYuSQirTzowXgB3wQudPana201ybDV"
    "+/1gxVXViWKyHSm78GuWmjP9xrofDS1VVWmMaVNlaXvDC/6EhWHN9Zuq8Fve59jAzyArhW"
    "11KNcuxu7KXMykfyCKrTeeMg2UXpBrzgmimoj0RIj0cTfZMayeEFDNFUkJKrh4hRmFAgub"
    "h8s3d6ubwU3fngJfIOBG35RexeJ+mp4luC52cthmqYSMKakIyru4JoIRtPiKhyG8Je+vpI"
    "U08U5g+5isB+yCgC+yFeBHata+VFeU1RwQKWH87zQHyejvB5FOCIipoX5QhZ5RZz+Vb3kP"
    "JfEObE4+74QS5/Yw7bYfKiHKaqngupfJwDNqu8IAdIKrgxf8qB8Kf0xvWxGKa04O706lwB"
    "EnE3ito/RqxIOf9N4OTv4BFNDAtxIy6cOMj6CcwQ1J2ZO8IGDA+NZQEJWqVLQw5MqoyY/h"
    "qsKcTl0pbvwGUuAfAyQwC8jAuApoWelTlUC+3nAZoK7jXlb+cF8ZXQZkMb86y+jiPQrxaR"
    "4AUMFJJIdwGagUE5IuFNZNkG4THqbsogawAN3KIOKCXQPRdNyXHs9/fddoFA9sUCa+8ZzX"
    "6cZrX/niwIV1kB/yb25+Lv+9qwM1a3qzq6ZtGgP4X/9A1th4qJ24sy1Zm9dCD85Ze7u3b7"
    "hEoqGlyy8EteuBwEC5TUgY0sDPV8csm+LdSyK1ESzOe5uhKdZ3QlOo/JI+xf5QktiwAdpN"
    "kXzmUs+1vjBVknKrQRF7x5Br6NoOWWEBMCfpOCV2iRrwhEBr5pg2eoY55u2QB/+/EM/Pjp"
    "49UluPhwfna6Dfa5oM9APgV4RcNTnJRFuwH/AJ3IbGjzp+TqZn3XxZ8n7PEsPerxLBb0iO"
    "YFNc0VQeUUzfPLPGI6HZURVBrTgSgeWlLUY76Gc2tqkQ/S2ufOXfO2Qyeji0NHD8T95P6/"
    "P77pDBvAYDL2A7nvtbuj1m1/1Gk3wIKwKj26YbvZ4MVPglwHQcY5EGUW2ykVY6I8YstJyK"
    "ZksVgp5pcoYVYk1vHZfTNwZoFVUefaFClLusUlbOgjuib0VDd8iFBgL3ytOUVgip8RATAs"
    "vrPwUVfv5CuBtQRALH16QZ6I8ZK3eaLru/9w/vFq5bZnH7I89iP6yt3G3fZQ06i+VcjgGy"
    "CpwA5/aMstC8g0YVHncpiqArAfoI8rmiOLYqKy4rrEgapTWFFNn6F6HNiH0hTHr7AalTFF"
    "5XiwF+XJYYbcYhGaYSqB3dKBdjvsaQF2T1bPlbcwdQNqNmti4YnIxRmSjyNZLIm3l14ZmZ"
    "WkMyBdhIwR7ihCHkr2d2vJuZKOMeEcips1wTt2/b7b5uNy9n4pJnUeV32Og2a5HGffCNkt"
    "5C1yPSGRJl461HthH5Pj3lL1yxidwDrmq0V6u810t8lNSKCUWdGbs6KDsMXRls1Z6pH86I"
    "RlltKiJXnPKAHjnBnogu0UeQGObZMheOlTgN797W3eDjiB5htx5PfYdONYlndSAOzrdN04"
    "SsRetY/EUSL2OiXqjxIqWaNe+KLrx4zTa9UPPxrMCoWxBqJR3eLgymxdHTwZ3fxFsStdb7"
    "x48G8bLkdunGJ6FPB6TD1HOLCiwaWyjn3cHBk8niHACq56AZNgBimyGqASFDAIgCzEssGt"
    "kb/1fmOGyd/86Mvf6oB3BqKDPYsyi0B9hDaKhxLv60t2iD2mX1nErOwNL9uY/Kple/IYht"
    "PDiteLLKddY01wOHPG6Z6g24st43XyEEL6YMI2FNUX07cgKzpy4+ZDzwzAkKW8cf0bEHj7"
    "GIv2WLtyWLhffFcpTC1TFQ6xd+yQqqDOMJpQHOdUCcVp5Rs2h/slTCN03F+v0/qqDJrdHq"
    "VG6tOJSZ/6gVw3V1fZm+5dve1/VwJ3dOPlJHB32Gx3m+Nu74t324JURnYoI737wSjC7Xy9"
    "ZTvfV1xS3NzLYlm1ScQiu+KZILR6aCbSvDD7FHiHfBf97j7dvcRjWWiCLIvqAraxsNRila"
    "zipJWLSdlLZJYLHH0IhT4OVZeKgx6mrR7q+4jGCgoUGXVXchxCSRMJfQx1e0rrttvrthp0"
    "ZzpxjXYP5KZ/11G+dUfdcQPMjDk6Yf2UHXqU9OjYTsNrAvpARoNOp3WjsAOmOfilAWwTIX"
    "V2wk4aaOYsELDvw4Y/+hZRDkG66gW2HG9IQzySZYISXtg2UvEc6inudpT0ZmouyXuPVJy3"
    "tBTtvtPq3jVv6aFTd9M6KAex65YMFk+KFu9Zcv/QnOpORkpG8eZdMT6L0Ftiqzm6aQAV2r"
    "MH0moO2+z/lvZA7gfdBliYmF696fx8T7dBdca6IO8uYZ/lkyQyBIlYNg6XANJ8L+nCdZRO"
    "YLla2DwG0wo8ZwHso3QS++LYTwydasfKwlR862xeY2+c8i3nobkdjbfd8NfUB9Q/TEQ0Bk"
    "DB3X7Q6bW7vS8N4NHT3b3fG93fjlmWpSfPI7r7+4mXIuVcqgx9Xd8ucjtCKxtyiSzietxy"
    "FcviXblSyCtnHdhLwVsLTRZEU3bbEmOTHBB74qWFFTJP95mezygfSHyLHHY+3/fabDt0f9"
    "eWG2LpYu9xJbLInIbNu6PMZHmLXM+TyfI6LSCEY3DZzQpkftD+wM2qhZ0eWJBZC3unAANx"
    "BfQN8QQZKUGBEpk7ZqoEKnIeJ7Abs1XCKytHJpDMtMoLrcyxEjjHap+hdeHMoYTYulhqUX"
    "pwXTiliY/NGV43NxkeGqCMtdkdArGFwDvDAiwmCFg8PugHFnZLNbxVBJ1B+EcNLtMC70qZ"
    "V4bkCXCE1kF6SB5m37GYpzZT2mzuCM8gtLuvNxiOKKFp2Q+k3+42gKHhB9Jj/yMa3sauUX"
    "LnCfft36IoSojseEui8ECMfHwoWGyP2C8oqdReRoW3NYnQi9pt6sHQC+zLdUD3aXbNQQTY"
    "yN2kbLpKkA3esS8B/wMedUieBA1I5I+a8ApkRXqsaHaO9ThQtCjbjsDpydkpYxZk5fhVuo"
    "tSWeMnPptXJdEwAJVAlj4XbUBXJXKZt/ub4kWKXNbPcgeKSMNr+tlwnCa4PIZXac8oTRhL"
    "OO6LmuDihNIGt7GCjDQX7dFcFFiR0qqxAdz42yuUWYNV9RgiJoonZwyG7tczk5bpSMUKDs"
    "1n0+DN9Kjkw4QiOkWDSkJMCNIQwE6di0V13rUOQXXmjdbcpnX/Zce62qXYN8r/DmnrEOJ4"
    "zUo/5FzcRnINUVZQcj0SSTVXAJW9mM9hUj2L9KCpAIm4gVK1lqs/1UFHw/zfO2g90V1pZa"
    "utg/fvY9tdvlScPdT4fSttVP/jngZ19yj4S0yDir+DFXb2R+mkopHg7GdyTkHNeE0i1eIN"
    "eptXZW5HnaKqVeui2kVgZYXUilZz1Gq2O7WUbUFqbZt80dGdUCilLby6E7S22PJPV9vCxS"
    "Lz6W1NVsjJsl1Pjk8PIH3LqYDygp3ZunpLHZgWVt2ST93eMKkz7U5zST1MgP28nqGH0W3i"
    "GadVmciRcrQmF9oxN7j5ZdTtrxLmzdnSxoaXL38c+fT8KNmlSEJoAqGZ1W52b39hHYexTp"
    "nTbH9r9lqdBoDaM/thD2TQbH1tfqFXTLpd0y14GwbtIQmCvniKiSwludxdlrc0SnosTtM2"
    "45BreXN5U5oT9Oy8ULo8XwYKg7Eg8lHSY0F+4D4379D6OqDTpZpgTkjVXf3hMvo/QWdlPU"
    "VZ6c2CizdI9jo1NQrWfKQ/fUgFSTe+iAuLr7N2HcNJKqeZCfaK5liql9QGDGAwx2Rhg+BS"
    "OTzeVCKxnMKlAcJUxxFIV4Y0nxAyh4hWGL4gzZsGz0Y283kq7npi70MSkNl9ftPmENgCWx"
    "uxZ2V6O3eber+gDtyHt10LOf2kETyd5dwYSuzz6yPqPc62DAmQi8yLW653RJnBLCWBH3BY"
    "/I+v1AhUHfxcOKW+2Rp3vzH1kVOzOiN3g9uOV2fEc9Y9kG7PH4dJ4HteX6uUEZ5vMMJTpt"
    "ZXjesJ0RIytf4gyrVbXBWneIXTne0RMoGli9eDVlYt2L9RSIGmaRnPW8CcMYMEXJaJkGUi"
    "xA5ykGUihCkTkbSTloBztYN0Mo6fPJU5fPlL4rwpGCoiqabEQsmyJwK0lnbTb3bsnhlN+q"
    "nIJl2sd2bBmLwu+WOBrWUtIRrPv1XPisPDgUG5Eqc8AmbyZRnjTxTsOuuOxkuyuOdPcjZU"
    "XkIZWieAqFsH6aF1jHPb2td92n1Z10voeVL7+b7b+toAdLWqTw9kTE9xOi+yY/1qtjGkl1"
    "zLRXRnR3z9l1ZWnbcTYs4OXs+Fl1Rn4XS3t9wB4lcjF8PZMaHfqvAPiZxK3p5CRCLHNeY3"
    "bOy/9ZY584pT50V5RSAywrWmDZ6hjrkLpAH+9uMZ+PHTx6tLcPHh/Ox0mzVefhwvizZcIp"
    "hU/yjb4x0irJD9rgxnNv3hGkrp2rd5f19TC9z7pfa5Q387PVQniC4T9EDcT+7/g52QHsg9"
    "PQNGfuOMBWF6uEjdMzY1ns1KSS2n2eyBONZij7vuQbqqA0YB1zCXbaf4GZFCYtKhc1VlN9"
    "LX6Is5n9Mfq5bRGDNppgNyQaUnWlEZtkW3eCaa6voD+d68/aqw7sovUH86YW2Vv980x6Pm"
    "YMCKhEDHpho7vda5ph/Ro4gt4dCfJlKZAcltbFk4ijOZ/CiaZNU63sO7usdq/zPdnYFed+"
    "tNlrP9JUR+Mm00Q5/Y/P6EJhD5qBnTB/UsRxjZBdJC9lxC1eVzop1508GxIhP30IjAztvy"
    "uL2gwboXtCBHinCtlg/0ZvT57gIeDeOJ8cVCvIb29q9I+QKx7+ddJJllMzTyMJnIPPCqC9"
    "932xR2FVEmTLHtIGtLleQqDweicXwBDlwdd5DtIftVH2m0pYyxfYtclzG2MhB0j6dYjzlg"
    "XUcsFyl8USLnGbbfgroy9mtfsV/VjZXZcUUfLoJmn4EhTceB6oy3TEmIDQncrWeFh8DwuM"
    "0lmghYmLoBNaSBQfszs4zgOX3AOrCp2kgvIqJaS9Nxqykxo8kMQd2ZeVQ25ZquJdXTLXNi"
    "GWFS9ub0hiJMEqwrFjINyylqYxl2Bv3hmNlWGPUD6d41v/AQB7aueYjDgG7crWF3MO6yWq"
    "CmtaYvwSBcurJpWJg+NkwLdEj3fsUIBVb5y3gx9uLPmiMNwwwLWDL0YSqRQyC29GNd5LE5"
    "XqSbHBNqfuB/J0Ccns/vDZfqVYJ65R7digmdBAk/o5J2mEzkZVtzo56feRcAJpWExZFtdu"
    "791NE+KkuhNBqVYyqUmYF7aLjEfavFEA2Q7ADn8UhABdD0lb7CJrg4ocA2uIOewDKN9XXS"
    "WNlbXgKybQynhL40WB17Ex7XEs6Lb2BTzAFu4HWvmjmzdGTjW6NQlkvXqw71nsGfJ2a7DN"
    "2vZ1kvVW8kFYC8oblS3J6RxauYsUw1MOo3B4DR/wR+o6sCI5ti9hvANhfnscZGYYcK9Niy"
    "HZ80OQOupHml+VIIGSWz9rzLziJgh4j2K1QfMtCiHCmQhfpj0w+n3MYsHJ5BaJPB8df0dx"
    "BLDXCQ8oQKBUhG6cSNkBTHHLl4/B2t6jrmNbmHqaS9vbi93dgGdkOivhvq0GYVZueJKmo6"
    "7GEqiXtx3JPbo6Uj7o+XWBfHWvSc/oTDU7PgpLD/uz1sfh43AKd9IM3vze642/uitPqj7p"
    "deA8AXiB3KlxPVsKnuTgUfepklfrJP2wVYly/ouM+yhdckRFiC0+SI3hmBfCQJgbVxJ4m7"
    "/rbzjRmSz0fDZ8/EEudxdvmCANnhfPxne+JniaULTFYUzFjYigdQUSdjMvle3WPHZxeh/x"
    "CNd9G0ELSTFm+GVJxAK+W1Lbpey9CJNxg6IbOsqsb1PFlW9N7MsIoFIoRoZBhgUpaVLyYX"
    "TrOKEcoYD1n/fW+SlwyceZ3AGXcHLQHbnGEdxwps6KTJkwG43j4PB65gm23uZL/YUZMC8O"
    "vEzHhBYdjdyyIBM+ub9axoGS00bHOqH1gRgDnU3IRLXgbJfb/r4AU7MwAJMDgN1IFKvxS8"
    "67baJ2enP/wECKLKPXBB1Oq8cgmgO66hPyONJfg9G1hDWkIu4CG/WUbbCHDy1kF6tE3wYW"
    "Jwp5s/ImQiR4SIa/qgb1URzP3x0sz0JtyC5fQ1pUdr//Yb8/z5O/QD6fTGnWGnrXR7Smc4"
    "7A8bgG77rO7SCSYnyLK2rFBWek6sC7uiziCZbucnTJpA+pHEMRHFLYN8+W1hj4/SyU1S2u"
    "KlVTaPLd7TBrbqJBmjlBZEaUE8iO82crQXXbpp5HL9yizH1zTWBrdUaVXc2Eoydv7k6HIY"
    "e/UlzhtwTtsshcp7jCT2phtyA6m/G625dKziJx7nsekStLCMNS1vfObXz2OmUo2V1jOsdY"
    "etqPE1yVxbzqTSEiuEBFOVsm3Ft6Vap/OlAeifB9JrfWsA+ueBdO7YtTt6bdgbNQD980Cu"
    "O8NmA7C/D+RbZ9AA9M/uJdtKbmKAHTRPsCemGyg4gWIj6PXVE9hAUesh6xnZdTBf2BQJm2"
    "0udI+EOqbbSbEyoAezXeh4/liEHWz8cXBDWHNR1ft45Fe49t+pg53xBXEOkEiM82B8hD6i"
    "lRRY1E007Px8TxVQ1y/kzfFARq2bTvue94C11RnSFjq72u6zrr1sOZXYJbb0filU0KK/vN"
    "CRHCCR+790F0h3gQzdf4tczxO6/xZaeUgHkRjwyhDz/QJbvteius1Qyo+E3rntSSCyf9Ve"
    "JEHsvfaIP391i2gnhsUk9jOpBvB/7dPZcIc0VhnxBrNi6stagrMhMqKe5WyYu2OVWWDwRm"
    "fD9xl0gkZ+rxOGDeCjseB3sOV1cWEh2qyNj2pYGjCRle5sKGtS6WwQ4DSsZzgbVs3mCynM"
    "YSqpM28Rh7ywprxUZRHYQ0QS9e3au7jd7gvhHiGTyG9Rck7XkTUtuN5DRBL1bTwzVGbU4b"
    "SgNTRAJFGX9lBpGZP20LfI9Tz2UJ93xfuqaNIeemz20M0q4bFZQ9fLUBrsNrb70HY02MUN"
    "UTnM0n2Cxgb9s3+jtAirexeTdKs5ajXbnQgHduv+TLVtdVZLMOt5d+qZXZ/XYzZZ8dJxKt"
    "mClnog5T2FPKYIu5DKOYPSDWap9U3TA7DSa5sKFZe7ZQjW+eVljhAeOiq9IDS7FzEX0Jeq"
    "AMLe8Aqie5arTelZRpvSs4Q2pQZxEg+bf4z6vVSLr08SVVCw6oD/AzrO1UVNNLQzwGVgZN"
    "sGomaAiPjFJrhOkr8OmRjz1/8D3g0saw=="
)
