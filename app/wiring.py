"""Facts a lower layer shows but a higher layer owns, handed down once by the app factory.

See app/core/provided.py: the import contract lets a package import only the layers below it,
so these three look-ups are implemented above and provided here.
"""

from __future__ import annotations

from functools import partial


def wire() -> None:
    from app.auth import enrolment as auth_enrolment
    from app.auth import services as auth_services
    from app.interests import services as interests_services
    from app.internships.scopes import provider_kommune_id
    from app.notifications import services as notification_services
    from app.portfolio.sharing import shared_item_ids
    from app.schools import services as schools_services
    from app.transition import hooks as transition_hooks

    auth_services.class_ids_of.provide(schools_services.class_ids_of)
    auth_enrolment.notify_pupils.provide(notification_services.notify_many)
    schools_services.provider_kommune_id.provide(provider_kommune_id)
    interests_services.shared_profile_ids.provide(
        partial(shared_item_ids, item_type="interest_profile")
    )
    transition_hooks.connect()  # receivers of the Anschluss record's signals (anschluss/events.py)
