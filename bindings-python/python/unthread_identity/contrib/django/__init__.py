"""Django: ``{% load unthread %}``, then ``{% unthread_start %}`` and ``{% unthread_stop %}``.

Add ``"unthread_identity.contrib.django"`` to ``INSTALLED_APPS``. The secret is read from the
environment variable named by the ``UNTHREAD_IDENTITY_SECRET_VARIABLE`` setting (default
``UNTHREAD_IDENTITY_SECRET``); ``UNTHREAD_IDENTITY_EMAIL_POLICY`` sets the policy. The JSON
endpoint for single-page apps is ``unthread_identity.contrib.django.views.unthread_user``.

For the embedded portal, ``unthread_identity.contrib.django.views.portal_token`` mints tokens
with the secret in ``UNTHREAD_PORTAL_EMBED_SECRET`` for the origins listed in the
``UNTHREAD_PORTAL_ALLOWED_ORIGINS`` setting.
"""
