"""The page's first HTML is escaped as NiceGUI escapes it, with the quicker escape of `app.page_response`."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st
from nicegui import client as nicegui_client
from nicegui.testing import User

from app.page_response import html_escaped
from app.services.patients import PatientDetails, register_patient
from models.accounts import Role
from tests.factories import actor_of, make_user, sign_in
from tests.live.server import page_of

HOSTILE = '</script><script>alert(1)</script> & `${document.cookie}` <b>Meera</b>'


@given(st.text(alphabet=st.sampled_from('&<>`$;#a1 \u20b9\u0926') | st.characters(), max_size=200))
def test_the_quick_escape_gives_what_nicegui_s_table_gives(text: str) -> None:
    assert html_escaped(text) == text.translate(nicegui_client.HTML_ESCAPE_TABLE)


async def test_a_page_ships_hostile_text_escaped_and_the_browser_reads_it_back_as_typed(user: User) -> None:
    reception = await make_user(Role.RECEPTION)
    patient = await register_patient(actor=await actor_of(reception), details=PatientDetails(
        full_name=f'Meera {HOSTILE}', phone='9876543210', gender='female', age_years=30))
    await sign_in(user, reception)
    response = await user.http_client.get(f'/patients/{patient.uid}')
    shipped = re.search(r'parseElements\(String\.raw`(.*?)`\)', response.text, re.S)
    assert shipped is not None, 'not a NiceGUI page'
    assert not set('<>`$') & set(shipped[1]), 'element data could break out of its script or template string'
    assert 'Meera &lt;/script&gt;' in shipped[1] and '&#36;{document.cookie}' in shipped[1]
    texts = json.dumps(page_of(response).elements, ensure_ascii=False)
    assert json.dumps(HOSTILE, ensure_ascii=False)[1:-1] in texts  # the browser decodes it back as typed
