"""Entry point for mkdocs' ``hooks:`` setting; the events live in ``policysite.hooks``."""

from policysite.hooks import (  # noqa: F401 (mkdocs looks the events up on this module)
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_page_read_source,
    on_post_build,
    on_post_page,
    on_post_template,
    on_serve,
    on_template_context,
)
