"""Import every feature's models so metadata and relationships are complete."""

from app.allocation import models as allocation_models  # noqa: F401
from app.anschluss import models as anschluss_models  # noqa: F401
from app.auth import models as auth_models  # noqa: F401
from app.catalog import models as catalog_models  # noqa: F401
from app.core import audit  # noqa: F401
from app.dashboards import models as dashboards_models  # noqa: F401
from app.exchange import models as exchange_models  # noqa: F401
from app.families import models as families_models  # noqa: F401
from app.interests import models as interests_models  # noqa: F401
from app.internships import models as internships_models  # noqa: F401
from app.notifications import models as notifications_models  # noqa: F401
from app.portfolio import models as portfolio_models  # noqa: F401
from app.schools import models as schools_models  # noqa: F401
from app.transition import models as transition_models  # noqa: F401
from app.vacancies import models as vacancies_models  # noqa: F401
from app.verantwortungskette import models as verantwortungskette_models  # noqa: F401
from app.verantwortungskette import round_models as verantwortungskette_rounds  # noqa: F401
