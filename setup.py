"""Installer for the kooperation package."""

from pathlib import Path
from setuptools import find_packages
from setuptools import setup


long_description = "\n\n".join(
    [
        Path("README.md").read_text(encoding="utf-8"),
        Path("CHANGES.md").read_text(encoding="utf-8"),
    ]
)

setup(
    name="kooperation",
    version="1.0.0a1",
    description=(
        "Cooperation agreements, round tables, workshops and reports "
        "for youth-employment networks, on Plone 6"
    ),
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.11",
        "Operating System :: OS Independent",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    keywords="Python Plone CMS Kooperationsvereinbarung Jugendberufsagentur",
    license="GPL version 2",
    packages=find_packages("src"),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "setuptools",
        "Products.CMFPlone",
        "plone.app.contenttypes",
        "plone.app.upgrade",
        "plone.api",
        "plone.restapi",
        "collective.easyform",
        "plone.app.discussion",  # comments on minutes in circulation (kooperation.meetings)
        "pdfminer.six>=20251230",
        "reportlab",  # printable PDFs for signing (kooperation.printing)
        "icalendar",
        "openpyxl",  # XLSX export of event registrations (kooperation.registrations)
        # Storage engines for more than one instance (see README).
        "RelStorage",
        "psycopg2-binary",
        "ZEO",
        "zodbverify",  # the crash drill and `kooperation-admin verify` (kooperation.ops)
        "aiosmtpd",  # `make start` catches mail without an SMTP server (kooperation.cli)
        # Validating PAdES signatures for the electronic form (kooperation.esign)
        "pyHanko",
        "pyhanko-certvalidator",
    ],
    extras_require={
        "test": [
            "pytest",
            "pytest-plone>=1.1",
            "pytest-xdist",  # make test runs the files on several processes
            "plone.app.testing",
            "plone.restapi[test]",
            "hypothesis",
            "i18ndude",
            "playwright",
            "requests",
            "certomancer",  # the test PKI of tests/esign (CAs, OCSP, CRL, timestamps)
            # for the buildout test: pinned here so constraints.txt pins them too
            "zc.buildout>=5",
            "zc.recipe.egg",
            "plone.recipe.zope2instance>=9",
        ],
        "lint": [
            "ruff",
            "zpretty",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
        "console_scripts": [
            "kooperation-admin = kooperation.cli.main:main",
            "kooperation-extract = kooperation.pdfimport.cli:main",
            "kooperation-import-pdfs = kooperation.cli.importpdfs:main",
        ],
    },
)
