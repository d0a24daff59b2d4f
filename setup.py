"""Ships the top-level data folders inside the ``gnlc_hub`` package (metadata: pyproject.toml).

``migrations/``, ``seeds/`` and ``schema/`` stay where the project keeps them and become the
subpackages ``gnlc_hub.migrations``, ``gnlc_hub.seeds`` and ``gnlc_hub.schema``: a wheel carries
them, an editable install maps them to the checkout, and ``gnlc_hub/resources.py`` reads them
with ``importlib.resources``. This lives here because pyproject.toml cannot combine package
discovery (``packages.find``) with packages mapped from other folders.
"""

from collections.abc import Iterator

from setuptools import find_namespace_packages, find_packages, setup

DATA_PACKAGES = {
    "gnlc_hub.migrations": "migrations",
    "gnlc_hub.seeds": "seeds",
    "gnlc_hub.schema": "schema",
}
DATA_FILES = ["*.mako", "*.csv", "*.toml", "*.md", "*.graphql"]


def data_packages() -> Iterator[str]:
    """Each data folder and its subfolders (``seeds/practices``, ``migrations/versions`` …)."""
    for package, folder in DATA_PACKAGES.items():
        yield package
        for sub in find_namespace_packages(folder, exclude=["__pycache__", "*.__pycache__"]):
            yield f"{package}.{sub}"


setup(
    packages=[*find_packages(include=["gnlc_hub", "gnlc_hub.*"]), *data_packages()],
    package_dir=DATA_PACKAGES,
    package_data=dict.fromkeys(data_packages(), DATA_FILES),
)
