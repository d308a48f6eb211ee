print("cpor")
