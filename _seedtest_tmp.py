import os, secrets
os.environ["ANSCHLUSS_ENV"]="testing"
from app import create_app
from app.extensions import db
app=create_app({"ENV_NAME":"testing","SECRET_KEY":secrets.token_hex(8),"SQLALCHEMY_DATABASE_URI":"sqlite:////tmp/chain_seed.db"})
with app.app_context():
    db.drop_all(); db.create_all()
    from seeds.loader import load_reference; load_reference(); db.session.commit()
    from seeds.demo import seed_demo_region
    print(seed_demo_region()); db.session.commit()
    print(seed_demo_region()); db.session.commit()
