/// The words of the 治乱治脏 plan (DOMAIN.md): the six kinds of disorder, the fourteen kinds of key
/// area, where a case was reported from, and how key areas are inspected. The layers allow only
/// these values, so that a hotline export's unknown kind is caught on import.
public enum Disorder {
    /// 占道经营, 乱摆乱放, 乱贴乱画, 乱吐乱扔, 乱排乱倒, 乱搭乱建.
    public static let kinds = ["占道经营", "乱摆乱放", "乱贴乱画", "乱吐乱扔", "乱排乱倒", "乱搭乱建"]

    /// The plan's fourteen key areas (重点区域).
    public static let areaTypes = ["主次干道", "出入城口", "商业街区", "车站码头", "广场公园", "公共厕所", "饮食摊点",
                                   "集贸市场", "街巷院落", "河道沟渠", "建筑工地", "城乡结合部", "城中村", "旅游景区"]

    /// Where a case came from.
    public static let channels = ["热线", "信箱", "巡查", "视频", "暗访", "媒体"]

    /// 明查、暗访、第三方测评.
    public static let inspectionMethods = ["明查", "暗访", "第三方测评"]
}
