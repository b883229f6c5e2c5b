"""Who is signed in and what they may do: permissions, sessions, sign-in and the page guard."""
