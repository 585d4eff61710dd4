"""Framework integrations: ``contrib.starlette`` (FastAPI, Starlette) and ``contrib.django``.

Each is a thin layer over ``Signer``; importing ``unthread_identity`` needs no framework, and
each integration needs only its own (``pip install unthread-identity[fastapi]`` or ``[django]``).
"""
