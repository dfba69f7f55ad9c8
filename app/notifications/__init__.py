"""In-app inbox and e-mail outbox: every state change a user should know about."""
