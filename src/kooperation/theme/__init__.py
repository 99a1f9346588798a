"""The product's face on top of Barceloneta: one stylesheet (++plone++kooperation/kooperation.css).

The bundle is registered in profiles/default/registry.xml with ``depends="all"``, so it is
rendered after Barceloneta's own CSS and wins at equal specificity.
"""
