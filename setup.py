"""Ships the top-level data folders inside the ``gnlc_hub`` package (metadata: pyproject.toml).

``migrations/``, ``seeds/`` and ``schema/`` stay where the project keeps them and become the
subpackages ``gnlc_hub.migrations``, ``gnlc_hub.seeds`` and ``gnlc_hub.schema``: a wheel carries
them, an editable install maps them to the checkout, and ``gnlc_hub/resources.py`` reads them
with ``importlib.resources``. This lives here because pyproject.toml cannot combine package
discovery (``packages.find``) with packages mapped from other folders.
"""

from setuptools import find_packages, setup

DATA_PACKAGES = {
    "gnlc_hub.migrations": "migrations",
    "gnlc_hub.seeds": "seeds",
    "gnlc_hub.schema": "schema",
}

setup(
    packages=[*find_packages(include=["gnlc_hub", "gnlc_hub.*"]), *DATA_PACKAGES],
    package_dir=DATA_PACKAGES,
    package_data={
        "gnlc_hub.migrations": ["script.py.mako", "versions/*.py"],
        "gnlc_hub.seeds": ["*.md", "**/*.csv", "**/*.toml"],
        "gnlc_hub.schema": ["*.graphql"],
    },
)
