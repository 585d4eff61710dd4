from django.apps import AppConfig


class UnthreadIdentityConfig(AppConfig):
    name = "unthread_identity.contrib.django"
    label = "unthread_identity"
    verbose_name = "Unthread identity verification"
