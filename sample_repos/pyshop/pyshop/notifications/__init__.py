"""Customer notifications by email and SMS.

Business code talks to :class:`pyshop.notifications.dispatcher.Dispatcher`
(``notify_order_placed``, ``notify_order_shipped``...), which renders the
templates and picks the channels.
"""
