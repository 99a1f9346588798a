The deadlines calendar feed says how far it looks ahead (12 months) and lets a subscription choose another window (`?months=`, offered on *Meine Kalender-Abos*).
